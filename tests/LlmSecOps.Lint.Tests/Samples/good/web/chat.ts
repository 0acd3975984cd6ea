import OpenAI from "openai";
import DOMPurify from "dompurify";
import { marked } from "marked";

const openai = new OpenAI({ baseURL: "/api/llm" });
const SYSTEM_PROMPT = "You answer questions about the Acme router manual in two sentences.";

export async function ask(userQuestion: string): Promise<void> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-2024-08-06",
    max_tokens: 300,
    temperature: 0.2,
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: userQuestion },
    ],
  });
  const reply = completion.choices[0].message.content ?? "";
  document.getElementById("answer")!.innerHTML = DOMPurify.sanitize(marked(reply));
  document.getElementById("plain")!.textContent = reply;
}
