import OpenAI from "openai";
import { marked } from "marked";

const openai = new OpenAI({ dangerouslyAllowBrowser: true });

export async function ask(userQuestion: string, pageText: string): Promise<void> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-2024-08-06",
    max_tokens: 300,
    messages: [
      { role: "system", content: `Use this page to answer: ${pageText}` },
      { role: "user", content: `<question>${userQuestion}</question> Answer the question above in two sentences.` },
    ],
  });
  const reply = completion.choices[0].message.content ?? "";
  document.getElementById("answer")!.innerHTML = marked(reply);
  const config = JSON.parse(reply);
  console.log(config);
}
