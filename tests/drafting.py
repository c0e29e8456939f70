"""Small hand-written treaty drafts and real git repositories in tmp_path for the history and
review tests (never mocked git: every repository here is made by the git executable)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TITLE = "DRAFT CONVENTION ON MUTUAL LEGAL ASSISTANCE\n\nPART I\nGENERAL PROVISIONS\n"

PURPOSE = (
    "Purpose",
    "The purpose of this Convention is to facilitate cooperation in criminal matters between "
    "the States Parties.",
)
DEFINITIONS = (
    "Definitions",
    'For the purposes of this Convention, "victim" means any natural person who has suffered '
    "harm as a result of a crime.",
)
SCOPE = (
    "Scope",
    "This Convention shall apply to the crime of genocide, crimes against humanity and war crimes.",
)
VICTIMS_SEEK = (
    "Victims",
    "Each State Party shall ensure that victims have the right to seek reparation.",
)
VICTIMS = ("Victims", "Each State Party shall ensure that victims have the right to reparation.")
AMNESTY = (
    "Pardon, amnesty, commutation",
    "Each State Party may grant pardon, amnesty or commutation of the sentence in accordance "
    "with its domestic law.",
)
AMNESTY_BACK = (
    "Pardon, amnesty, commutation",
    "Each State Party may grant pardon, amnesty or commutation of the sentence in accordance "
    "with its law.",
)
ENTRY = (
    "Entry into force",
    "This Convention shall enter into force on the thirtieth day after the deposit of the fifth "
    "instrument of ratification.",
)


def draft_text(*articles: tuple[str, str], numbers: list[str] | None = None) -> str:
    """A draft whose articles are numbered 1, 2, 3... (or as `numbers` says)."""
    labels = numbers or [str(n) for n in range(1, len(articles) + 1)]
    parts = [TITLE]
    for label, (title, text) in zip(labels, articles, strict=True):
        parts.append(f"Article {label}\n{title}\n\n{text}\n")
    return "\n".join(parts)


# Three versions: v2 inserts definitions (renumbering what follows), amends the victims article
# and deletes the amnesty article; v3 brings the amnesty article back.
V1 = draft_text(PURPOSE, SCOPE, VICTIMS_SEEK, AMNESTY, ENTRY)
V2 = draft_text(PURPOSE, DEFINITIONS, SCOPE, VICTIMS, ENTRY)
V3 = draft_text(PURPOSE, DEFINITIONS, SCOPE, VICTIMS, AMNESTY_BACK, ENTRY)

# Fixed identity and clock, so that commit ids are the same on every run.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ann Drafter",
    "GIT_AUTHOR_EMAIL": "ann@example.org",
    "GIT_COMMITTER_NAME": "Ann Drafter",
    "GIT_COMMITTER_EMAIL": "ann@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class GitRepo:
    """A real repository in a folder, driven through the git executable."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = 1_540_000_000  # 2018-10-20: each commit one day later
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "user.name", "Ann Drafter")
        self.git("config", "user.email", "ann@example.org")
        self.git("config", "commit.gpgsign", "false")
        self.git("config", "tag.gpgsign", "false")

    def git(self, *args: str) -> str:
        self.clock += 86_400
        env = {
            **os.environ,
            **GIT_ENV,
            "GIT_AUTHOR_DATE": f"{self.clock} +0000",
            "GIT_COMMITTER_DATE": f"{self.clock} +0000",
        }
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, files: dict[str, str] | None = None) -> str:
        for relative, text in (files or {}).items():
            self.write(relative, text)
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def drafts_repository(root: Path) -> GitRepo:
    """drafts/mla.txt committed as V1 (tag v2018), V2, renamed to drafts/convention.txt, then V3
    (tag v2020)."""
    repo = GitRepo(root)
    repo.commit("Preliminary draft", {"drafts/mla.txt": V1})
    repo.git("tag", "v2018")
    repo.commit("Revised draft", {"drafts/mla.txt": V2})
    repo.git("mv", "drafts/mla.txt", "drafts/convention.txt")
    repo.commit("Rename the draft")
    repo.commit("March draft", {"drafts/convention.txt": V3})
    repo.git("tag", "v2020")
    return repo


def manifest_folder(folder: Path, texts: list[str], dates: list[str] | None = None) -> Path:
    """An instrument folder with a versions.toml listing `texts` in order."""
    folder.mkdir(parents=True, exist_ok=True)
    dates = dates or [f"{2018 + i}-11-01" for i in range(len(texts))]
    lines = ['instrument = "mla"', 'title = "MLA Convention"', ""]
    for index, (text, date) in enumerate(zip(texts, dates, strict=True), start=1):
        (folder / f"v{index}.txt").write_text(text, encoding="utf-8")
        lines += ["[[versions]]", f'file = "v{index}.txt"', f'label = "Draft {date[:7]}"']
        lines += [f'date = "{date}"', ""]
    (folder / "versions.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder
