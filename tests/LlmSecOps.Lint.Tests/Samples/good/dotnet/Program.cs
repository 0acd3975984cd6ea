using OpenAI.Chat;

var client = new ChatClient("gpt-4o-2024-08-06", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
Console.WriteLine(client);
