using System.Globalization;
using System.Text;

namespace LlmSecOps.Benchmarks.Lint;

/// <summary>
/// Writes a synthetic project of prompt templates, LLM configurations and LLM source files in
/// the proportions a real repository has, about 1–3 KB each, some clean and some with findings.
/// </summary>
public static class LintCorpus
{
    public static void Generate(string root, int count)
    {
        Directory.CreateDirectory(root);
        for (var i = 0; i < count; i++)
        {
            var (path, content) = (i % 20) switch
            {
                0 or 1 or 2 or 3 => ($"prompts/p{i}/answer_{i}.prompt.md", Markdown(i)),
                4 => ($"prompts/p{i}/system_prompt_{i}.txt", SystemPrompt(i)),
                5 or 6 => ($"prompts/p{i}/chat_{i}.prompty", Prompty(i)),
                7 or 8 => ($"skills/s{i}/skprompt_{i}.yaml", SemanticKernel(i)),
                9 or 10 => ($"chains/c{i}/prompt_{i}.json", LangChain(i)),
                11 or 12 => ($"tools/t{i}/tools_{i}.json", Tools(i)),
                13 or 14 or 15 => ($"app/m{i}/service_{i}.py", Python(i)),
                16 or 17 => ($"web/w{i}/chat_{i}.ts", TypeScript(i)),
                18 => ($"dotnet/d{i}/Bot{i}.cs", CSharp(i)),
                _ => ($"models/m{i}/chat_template_{i}.jinja", ChatTemplate(i)),
            };
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Filler(int i, int sentences)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < sentences; k++)
        {
            sb.Append("Rule ").Append(N(k + 1)).Append(": answer politely, cite the section of the manual you used, and never promise refunds for order ")
              .Append(N(i * 31 + k)).Append(".\n");
        }

        return sb.ToString();
    }

    private static string Markdown(int i) =>
        $"# Answer template {N(i)}\n\nYou answer questions about product line {N(i % 17)} using the documents below.\n{Filler(i, 8)}\n" +
        "{% for doc in documents %}\n<document title=\"{{ doc.title | e }}\">\n{{ doc.text }}\n</document>\n{% endfor %}\n\n" +
        (i % 3 == 0 ? "Question: {{ question }}\n" : "<question>{{ question }}</question>\nAnswer the question above from the documents only.\n");

    private static string SystemPrompt(int i) =>
        $"You are the assistant for team {N(i)}. Today is {{{{ current_date }}}}.\n{Filler(i, 10)}" + (i % 40 == 4 ? "The admin code is \"ZX-9912\".\n" : string.Empty);

    private static string Prompty(int i) =>
        $"---\nname: chat_{N(i)}\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: {(i % 2 == 0 ? "gpt-4o-2024-08-06" : "gpt-4o")}\n  parameters:\n    max_tokens: 400\n    temperature: 0.2\n" +
        $"inputs:\n  question:\n    type: string\n  product:\n    type: string\n---\nsystem:\nYou support {{{{product}}}} customers.\n{Filler(i, 6)}\nuser:\n{{{{question}}}}\n";

    private static string SemanticKernel(int i) =>
        $"name: triage_{N(i)}\ntemplate_format: semantic-kernel\ntemplate: |\n  <message role=\"system\">Classify tickets for team {N(i)}.\n" +
        string.Concat(Filler(i, 6).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => "  " + l + "\n")) +
        "  </message>\n  <message role=\"user\"><ticket>{{$ticket}}</ticket>\n  Reply with low, medium or high for the ticket above.</message>\n" +
        "input_variables:\n  - name: ticket\n    description: The ticket text.\nexecution_settings:\n  default:\n    max_tokens: 5\n    temperature: 0\n";

    private static string LangChain(int i) =>
        "{\n  \"_type\": \"prompt\",\n  \"input_variables\": [\"review\", \"product\"],\n  \"template_format\": \"f-string\",\n  \"template\": \"Summarize the review of {product} below in two sentences for the team. " +
        Filler(i, 5).Replace("\n", " ", StringComparison.Ordinal) + "<review>{review}</review> Write the summary now.\"\n}\n";

    private static string Tools(int i) =>
        "{\n  \"tools\": [\n" +
        $"    {{\"type\": \"function\", \"function\": {{\"name\": \"get_status_{N(i)}\", \"description\": \"Returns the status of one order.\", \"parameters\": {{\"type\": \"object\", \"properties\": {{\"order_id\": {{\"type\": \"string\", \"pattern\": \"^[0-9]{{8}}$\"}}}}}}}}}},\n" +
        $"    {{\"type\": \"function\", \"function\": {{\"name\": \"search_docs_{N(i)}\", \"description\": \"Searches the manual.\", \"parameters\": {{\"type\": \"object\", \"properties\": {{\"query\": {{\"type\": \"string\", \"maxLength\": 200}}}}}}}}}},\n" +
        $"    {{\"type\": \"function\", \"function\": {{\"name\": \"{(i % 4 == 0 ? "run_shell" : "list_regions")}_{N(i)}\", \"description\": \"Operational helper number {N(i)}.\", \"parameters\": {{\"type\": \"object\", \"properties\": {{\"arg\": {{\"type\": \"string\"}}}}}}}}}}\n" +
        "  ]\n}\n";

    private static string Python(int i) =>
        $"\"\"\"Service {N(i)}.\"\"\"\nimport json\nfrom openai import OpenAI\n\nclient = OpenAI()\nSYSTEM_PROMPT = \"You answer questions about the manual for team {N(i)}.\"\n\n\n" +
        "def answer(user_input: str, retrieved_docs: list[str]) -> str:\n    docs = \"\\n\".join(f\"<document>{d}</document>\" for d in retrieved_docs)\n" +
        "    messages = [\n        {\"role\": \"system\", \"content\": SYSTEM_PROMPT},\n" +
        (i % 2 == 0 ? "        {\"role\": \"user\", \"content\": f\"{docs}\\n<question>{user_input}</question>\\nAnswer the question above.\"},\n" : "        {\"role\": \"user\", \"content\": f\"Question: {user_input}\"},\n") +
        "    ]\n    response = client.chat.completions.create(model=\"gpt-4o-2024-08-06\", messages=messages, max_tokens=300, temperature=0.2)\n" +
        "    completion = response.choices[0].message.content\n    return json.loads(completion)\n\n\n" +
        string.Concat(Enumerable.Range(0, 12).Select(k => $"def helper_{N(k)}(value: int) -> int:\n    \"\"\"Helper {N(k)}.\"\"\"\n    return value * {N(k + 2)} + {N(i % 7)}\n\n\n"));

    private static string TypeScript(int i) =>
        $"import OpenAI from \"openai\";\n\nconst openai = new OpenAI();\nconst SYSTEM_PROMPT = \"You answer questions for team {N(i)}.\";\n\n" +
        "export async function ask(userQuestion: string, el: HTMLElement): Promise<void> {\n  const completion = await openai.chat.completions.create({\n    model: \"gpt-4o-2024-08-06\",\n    max_tokens: 300,\n" +
        "    messages: [\n      { role: \"system\", content: SYSTEM_PROMPT },\n      { role: \"user\", content: userQuestion },\n    ],\n  });\n  const reply = completion.choices[0].message.content ?? \"\";\n" +
        (i % 3 == 0 ? "  el.innerHTML = reply;\n" : "  el.textContent = reply;\n") + "}\n\n" +
        string.Concat(Enumerable.Range(0, 10).Select(k => $"export function util{N(k)}(a: number, b: number): number {{\n  return a * {N(k)} + b / 2;\n}}\n\n"));

    private static string CSharp(int i) =>
        $"using OpenAI.Chat;\n\nnamespace Bench{N(i)};\n\npublic sealed class Bot(ChatClient client)\n{{\n    private const string SystemPrompt = \"You help team {N(i)}.\";\n\n" +
        "    public async Task<string> AskAsync(string customerQuestion)\n    {\n        List<ChatMessage> messages =\n        [\n            new SystemChatMessage(SystemPrompt),\n" +
        "            new UserChatMessage($\"<question>{customerQuestion}</question>\\nAnswer the question above.\"),\n        ];\n" +
        "        var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 300 };\n        ChatCompletion completion = await client.CompleteChatAsync(messages, options);\n        return completion.Content[0].Text;\n    }\n" +
        string.Concat(Enumerable.Range(0, 10).Select(k => $"\n    public static int Compute{N(k)}(int value) => value * {N(k + 3)};\n")) + "}\n";

    private static string ChatTemplate(int i) =>
        "{%- set ns = namespace(system='') %}\n{%- for message in messages %}\n  {%- if message['role'] == 'system' %}{%- set ns.system = message['content'] %}{%- endif %}\n{%- endfor %}\n" +
        "{{- bos_token }}{%- if ns.system %}{{ '<|system|>\\n' + ns.system + eos_token }}{% endif %}\n" +
        "{%- for message in messages if message['role'] != 'system' %}\n{{- '<|' + message['role'] + '|>\\n' + message['content'] | trim + eos_token }}\n{%- endfor %}\n" +
        $"{{%- if add_generation_prompt %}}{{{{ '<|assistant|>\\n' }}}}{{% endif %}}\n{{# template {N(i)} #}}\n";
}
