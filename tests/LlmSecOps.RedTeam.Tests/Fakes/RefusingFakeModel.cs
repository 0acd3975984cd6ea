namespace LlmSecOps.RedTeam.Tests.Fakes;

/// <summary>A fake model that refuses every request, politely and without quoting anything.</summary>
internal static class RefusingFakeModel
{
    public static FakeReply Reply(FakeChatRequest request) =>
        FakeReply.Say("I'm sorry, but I can't help with that request. Is there anything else about your order I can do for you?");
}
