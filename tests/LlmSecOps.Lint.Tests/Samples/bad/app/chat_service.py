"""A deliberately careless chat service used by the lint tests."""
import json
import os
import sqlite3
import subprocess

from flask import Markup
from openai import OpenAI

client = OpenAI()
SYSTEM_PROMPT = f"You are the Acme helpdesk bot. The user is {os.environ.get('USER_NAME')}."


def answer(user_input: str, retrieved_docs: str) -> str:
    messages = [
        {"role": "system", "content": f"Answer from these notes only: {retrieved_docs}"},
        {"role": "user", "content": "Question: " + user_input},
    ]
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages, temperature=0.3)
    return response.choices[0].message.content


def run_generated(question: str) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": f"<q>{question}</q>\nWrite one shell command that answers the question above."}],
        max_tokens=60,
    )
    command = completion.choices[0].message.content
    subprocess.run(command, shell=True)
    exec(command)
    db = sqlite3.connect("orders.db")
    db.execute(f"SELECT * FROM orders WHERE note = '{command}'")
    data = json.loads(command)
    html = Markup(command)
    print(data, html)
