from typing import Literal

from langchain.tools import tool


@tool
def run_report(name: Literal["disk-usage", "uptime"]) -> str:
    """Runs one of the predefined reports and returns its output."""
    return name


@tool
def lookup_order(order_id: int) -> str:
    """Returns the status of an order."""
    return str(order_id)
