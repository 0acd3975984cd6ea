from langchain.agents import initialize_agent
from langchain.tools import tool
from langchain_openai import ChatOpenAI


@tool
def execute_python(code: str) -> str:
    """Execute arbitrary Python code and return what it prints."""
    return str(code)


@tool
def lookup_order(order_id: int) -> str:
    """Returns the status of an order."""
    return str(order_id)


llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=500)
agent = initialize_agent([execute_python, lookup_order], llm, allow_dangerous_code=True)
