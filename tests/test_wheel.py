"""The package as a wheel: installed in a fresh virtual environment, it builds the seeds from any folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_installs_and_builds_the_seeds_from_another_folder(tmp_path: Path) -> None:
    # Nothing of the caller's may point Python at the repository: the wheel must stand alone.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=600, env=env,
    )
    (wheel,) = wheels.glob("news_explainer-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from the project's own environment, so the test needs no download; the
    # wheel's own package comes first on the path, ahead of the repository's editable install.
    purelib = Path(sysconfig.get_paths()["purelib"])
    target = Path(subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True, env=env
    ).strip())
    (target / "project-dependencies.pth").write_text(f"{purelib}\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, timeout=300, env=env)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "seeds", work / "articles")
    result = subprocess.run(
        [str(python), "-c", "import generator, sys; print(generator.__file__); "
         "from generator.cli import main; sys.exit(main(['build', '--seeds', 'articles', '--out', 'site-docs']))"],
        cwd=work, capture_output=True, text=True, timeout=600, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(str(target)), result.stdout
    assert "Traceback" not in result.stderr
    pages = {p.relative_to(work / "site-docs").as_posix() for p in (work / "site-docs").rglob("*.md")}
    assert "index.md" in pages and any(p.endswith("/comparison.md") for p in pages)
    assert (work / "site-docs" / "assets" / "extra.css").is_file()
    # The theme's overrides in templates/overrides/ are the site build's (hooks/search.py), not the package's.
    assert (target / "generator" / "templates" / "source.md.j2").is_file()
    assert not (target / "generator" / "templates" / "overrides").exists()
