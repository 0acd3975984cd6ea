using OpenAI.Chat;

var client = new ChatClient("gpt-4o", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
Console.WriteLine(client);
