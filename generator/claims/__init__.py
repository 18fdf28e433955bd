"""Stage: claims. Match the sentences of different sources that report the same thing; find wire copy."""
