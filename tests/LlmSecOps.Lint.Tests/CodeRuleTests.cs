using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

/// <summary>Prompt construction and model-output handling in each source language, beyond the samples.</summary>
public sealed class CodeRuleTests
{
    private static async Task<List<LintFinding>> LintAsync(string name, string content)
    {
        using var dir = new TempDir();
        dir.Write(name, content);
        var result = await LintRunner.RunAsync(dir.Path);
        Assert.Empty(result.Notices);
        return [.. result.Active];
    }

    [Fact]
    public async Task Python_LangChainTuplesFormatAndPercent()
    {
        var findings = await LintAsync("chain.py", """
            from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
            prompt = ChatPromptTemplate.from_messages([
                ("system", "You are a travel agent for {customer_name}."),
                ("human", "{question}"),
            ])
            summary = PromptTemplate.from_template("Summarize this review for the product team: {review}")
            legacy_prompt = "Classify the sentiment of: %s" % (user_text,)
            formatted_prompt = "Translate into French: {text}".format(text=request.form["text"])
            """);

        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedInSystemPrompt && f.Line == 3);
        Assert.DoesNotContain(findings, static f => f.Line == 4);
        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Line == 6);
        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Line == 7);
        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Line == 8);
    }

    [Fact]
    public async Task Python_AnthropicSystemKeywordAndInstructions()
    {
        var findings = await LintAsync("agent.py", """
            import anthropic
            client = anthropic.Anthropic()
            def run(user_goal):
                return client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=100, system=f"Help the user reach: {user_goal}", messages=[])
            """);

        var f = Assert.Single(findings);
        Assert.Equal(RuleIds.UntrustedInSystemPrompt, f.RuleId);
        Assert.Equal(4, f.Line);
    }

    [Fact]
    public async Task CSharp_SemanticKernelChatHistoryAndInvokePrompt()
    {
        var findings = await LintAsync("Bot.cs", """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            public sealed class Bot(Kernel kernel)
            {
                public async Task<string> RunAsync(string userQuestion, string notes)
                {
                    var history = new ChatHistory($"You are a note-taking assistant. Notes so far: {notes}");
                    history.AddUserMessage($"<question>{userQuestion}</question>\nAnswer the question above briefly.");
                    history.AddMessage(AuthorRole.System, "Be brief. " + notes);
                    var result = await kernel.InvokePromptAsync("Summarize {{$input}} in one line.", new() { ["input"] = userQuestion });
                    return result.ToString();
                }
            }
            """);

        Assert.Equal(
            [(7, RuleIds.UntrustedInSystemPrompt), (9, RuleIds.UntrustedInSystemPrompt), (10, RuleIds.UntrustedUndelimited)],
            findings.Select(static f => (f.Line, f.RuleId)).OrderBy(static x => x.Line));
    }

    [Fact]
    public async Task TypeScript_AiSdkSystemAndPrompt()
    {
        var findings = await LintAsync("route.ts", """
            import { generateText } from "ai";
            import { openai } from "@ai-sdk/openai";
            export async function POST(req: Request) {
              const { question, character } = await req.json();
              const { text } = await generateText({
                model: openai("gpt-4o-2024-08-06"),
                system: `You are ${character}.`,
                prompt: `Question: ${question}`,
                maxTokens: 200,
              });
              return new Response(text);
            }
            """);

        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedInSystemPrompt && f.Line == 7);
        Assert.Contains(findings, static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Line == 8);
    }

    [Fact]
    public async Task ModelOutputFlowsThroughAssignmentsAndLoops()
    {
        var findings = await LintAsync("flow.py", """
            import subprocess
            from openai import OpenAI
            client = OpenAI()
            resp = client.responses.create(model="gpt-4o-2024-08-06", input="List shell commands", max_output_tokens=50)
            text = resp.output_text
            lines = text.splitlines()
            for line in lines:
                subprocess.check_output(line, shell=True)
            safe = ["ls", "-la"]
            subprocess.run(safe)
            """);

        var f = Assert.Single(findings);
        Assert.Equal((RuleIds.ShellFromModelOutput, 8), (f.RuleId, f.Line));
    }

    [Fact]
    public async Task SanitizerOrSchema_SilencesOutputRules()
    {
        var findings = await LintAsync("view.ts", """
            import OpenAI from "openai";
            import DOMPurify from "dompurify";
            import { zodResponseFormat } from "openai/helpers/zod";
            const openai = new OpenAI();
            export async function show(el: HTMLElement) {
              const completion = await openai.chat.completions.create({ model: "gpt-4o-2024-08-06", max_tokens: 100, messages: [], response_format: zodResponseFormat(Answer, "a") });
              const content = completion.choices[0].message.content ?? "";
              el.innerHTML = DOMPurify.sanitize(content);
              return JSON.parse(content);
            }
            """);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task UnrelatedCode_IsNotRead()
    {
        var findings = await LintAsync("util.py", "import subprocess\n\ndef run(cmd):\n    eval(cmd)\n    subprocess.run(cmd, shell=True)\n");

        Assert.Empty(findings);
    }
}
