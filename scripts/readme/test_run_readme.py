"""Tests of the README runner's parsing (python3 -m pytest scripts/readme); CI also runs the runner itself."""
import re
from pathlib import Path

import pytest

from run_readme import extract_commands, rewrite_port

README = Path(__file__).resolve().parents[2] / "README.md"


def test_blocks_lines_continuations_and_comments():
    markdown = "\n".join([
        "text", "```sh", "# a comment", "", "echo one   # trailing comment", "curl -s localhost:8080/x \\",
        "     -d '{}'", "```", "```python", "print(1)", "```", "```sh", "false  # readme-runner: skip (fails)", "```",
    ])
    commands = extract_commands(markdown)
    assert [c.text for c in commands] == ["echo one   # trailing comment", "curl -s localhost:8080/x \\\n     -d '{}'",
                                          "false  # readme-runner: skip (fails)"]
    assert [c.line for c in commands] == [5, 6, 13]
    assert [c.skip for c in commands] == [None, None, "fails"]


def test_a_skip_needs_a_reason_and_blocks_must_close():
    with pytest.raises(ValueError, match="needs a reason"):
        extract_commands("```sh\nsleep 100  # readme-runner: skip\n```\n")
    with pytest.raises(ValueError, match="ends inside"):
        extract_commands("```sh\necho\n")
    with pytest.raises(ValueError, match="continues past"):
        extract_commands("```sh\necho \\\n```\n")


def test_port_rewrite_touches_only_the_readme_server_address():
    assert rewrite_port("curl localhost:8080/a; curl http://127.0.0.1:8080/b", 4321) == \
        "curl 127.0.0.1:4321/a; curl http://127.0.0.1:4321/b"
    assert rewrite_port("curl localhost:18080/a localhost:80801", 4321) == "curl localhost:18080/a localhost:80801"


def test_the_readme_calls_programs_by_a_path_and_skips_little():
    commands = extract_commands(README.read_text())
    run = [c for c in commands if not c.skip]
    assert len(run) >= 20
    for command in run:
        # After `swift build -c release` the programs are in .build/release, not on the PATH.
        assert not re.match(r"\s*(eos-server|eos-client|eos-trainer)\b", command.text), command.text
        code = "\n".join(re.sub(r"(^|\s)#.*", "", line) for line in command.text.splitlines())
        assert "…" not in code, f"README line {command.line}: an elided body cannot run"
    assert len(commands) - len(run) <= 10
