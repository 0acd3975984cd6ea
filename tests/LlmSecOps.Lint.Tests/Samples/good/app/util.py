"""Not LLM code: eval on a literal and subprocess for a build step."""
import ast
import subprocess


def parse(text: str) -> object:
    return ast.literal_eval(text)


def build() -> None:
    subprocess.run(["make", "all"], check=True)
