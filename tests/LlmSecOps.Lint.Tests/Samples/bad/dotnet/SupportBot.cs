using System.Diagnostics;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.SqlClient;
using OpenAI.Chat;

namespace Samples;

public sealed class SupportBot(ChatClient client)
{
    public async Task<string> AskAsync(string customerQuestion, string accountNotes)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage($"You are the billing assistant. Account notes: {accountNotes}"),
            new UserChatMessage($"Customer asks: {customerQuestion}"),
        ];
        var options = new ChatCompletionOptions { Temperature = 1.6f, ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        ChatCompletion completion = await client.CompleteChatAsync(messages, options);
        string text = completion.Content[0].Text;
        Process.Start("bash", "-c " + text);
        using var command = new SqlCommand(text);
        var html = new HtmlString(text);
        return html.ToString();
    }
}
