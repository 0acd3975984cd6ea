using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// The credential kinds the secrets scanner knows, most specific first: when two rules match the
/// same characters, the earlier one wins. Most patterns begin with a literal prefix the regex
/// engine finds with a vectorised search, so they need no pre-filter; the few that begin with a
/// character class or a context word carry keywords that must occur before they run.
/// </summary>
internal static class SecretRules
{
    // Where the generic assignment pattern may start: each word its alternation begins with.
    private static readonly string[] GenericKeywords =
    [
        "pass", "pwd", "secret", "token", "credential", "api_key", "api-key", "apikey", "access_key", "access-key",
        "accesskey", "auth_key", "auth-key", "authkey", "private_key", "private-key", "privatekey",
    ];

    /// <summary>Every rule, in priority order.</summary>
    public static IReadOnlyList<SecretRule> All { get; } = Create();

    /// <summary>Kinds covered (distinct), for documentation and tests.</summary>
    public static IReadOnlyList<string> Kinds { get; } = All.Select(r => r.Kind).Distinct(StringComparer.Ordinal).ToArray();

    private static SecretRule[] Create() =>
    [
        new() { Kind = "aws_access_key", Entity = "AWS_ACCESS_KEY", Description = "AWS access key id", Pattern = SecretPatterns.AwsAccessKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gcp_service_account_key", Entity = "GCP_PRIVATE_KEY", Description = "Google Cloud service-account private key", Pattern = SecretPatterns.GcpServiceAccountKey(), Keywords = ["private_key"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gcp_api_key", Entity = "GCP_API_KEY", Description = "Google API key", Pattern = SecretPatterns.GcpApiKey(), Score = 0.95 },
        new() { Kind = "google_oauth_client_secret", Entity = "GOOGLE_OAUTH_SECRET", Description = "Google OAuth client secret", Pattern = SecretPatterns.GoogleOAuthClientSecret() },
        new() { Kind = "azure_storage_key", Entity = "AZURE_STORAGE_KEY", Description = "Azure storage account key", Pattern = SecretPatterns.AzureStorageKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "azure_shared_access_key", Entity = "AZURE_SHARED_ACCESS_KEY", Description = "Azure Service Bus / Event Hubs shared access key", Pattern = SecretPatterns.AzureSharedAccessKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "azure_sas_token", Entity = "AZURE_SAS", Description = "Azure shared access signature", Pattern = SecretPatterns.AzureSasSignature(), Score = 0.9, Check = SecretChecks.AzureSasContext },
        new() { Kind = "github_pat", Entity = "GITHUB_TOKEN", Description = "GitHub personal access token", Pattern = SecretPatterns.GitHubPat(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_oauth_token", Entity = "GITHUB_TOKEN", Description = "GitHub OAuth access token", Pattern = SecretPatterns.GitHubOAuth(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_user_token", Entity = "GITHUB_TOKEN", Description = "GitHub user-to-server token", Pattern = SecretPatterns.GitHubUserToServer(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_app_token", Entity = "GITHUB_TOKEN", Description = "GitHub server-to-server (app installation) token", Pattern = SecretPatterns.GitHubServerToServer(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_refresh_token", Entity = "GITHUB_TOKEN", Description = "GitHub refresh token", Pattern = SecretPatterns.GitHubRefresh(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_fine_grained_pat", Entity = "GITHUB_TOKEN", Description = "GitHub fine-grained personal access token", Pattern = SecretPatterns.GitHubFineGrainedPat(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gitlab_token", Entity = "GITLAB_TOKEN", Description = "GitLab token", Pattern = SecretPatterns.GitLabToken(), Score = 0.95, Check = SecretChecks.MinEntropy(3.0) },
        new() { Kind = "slack_token", Entity = "SLACK_TOKEN", Description = "Slack token", Pattern = SecretPatterns.SlackToken(), Score = 0.95 },
        new() { Kind = "slack_webhook", Entity = "SLACK_WEBHOOK", Description = "Slack incoming webhook URL", Pattern = SecretPatterns.SlackWebhook(), Score = 0.95 },
        new() { Kind = "discord_webhook", Entity = "DISCORD_WEBHOOK", Description = "Discord webhook URL", Pattern = SecretPatterns.DiscordWebhook(), Score = 0.95 },
        new() { Kind = "discord_bot_token", Entity = "DISCORD_TOKEN", Description = "Discord bot token", Pattern = SecretPatterns.DiscordBotToken(), Score = 0.9, Check = SecretChecks.DiscordId },
        new() { Kind = "telegram_bot_token", Entity = "TELEGRAM_BOT_TOKEN", Description = "Telegram bot token", Pattern = SecretPatterns.TelegramBotToken(), Keywords = [":aa"], Score = 0.95 },
        new() { Kind = "stripe_secret_key", Entity = "STRIPE_KEY", Description = "Stripe live secret key", Pattern = SecretPatterns.StripeSecretKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "stripe_restricted_key", Entity = "STRIPE_KEY", Description = "Stripe live restricted key", Pattern = SecretPatterns.StripeRestrictedKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "stripe_test_key", Entity = "STRIPE_KEY", Description = "Stripe test-mode secret key", Pattern = SecretPatterns.StripeTestKey(), Keywords = ["k_test_"], Score = 0.6, Severity = Severity.Low },
        new() { Kind = "stripe_webhook_secret", Entity = "STRIPE_WEBHOOK_SECRET", Description = "Stripe webhook signing secret", Pattern = SecretPatterns.StripeWebhookSecret(), Score = 0.95 },
        new() { Kind = "square_access_token", Entity = "SQUARE_TOKEN", Description = "Square access token", Pattern = SecretPatterns.SquareAccessToken(), Keywords = ["eaaa", "sq0atp-"], Score = 0.9, Check = SecretChecks.MinEntropy(3.5) },
        new() { Kind = "square_oauth_secret", Entity = "SQUARE_TOKEN", Description = "Square OAuth application secret", Pattern = SecretPatterns.SquareOAuthSecret(), Keywords = ["sq0csp-"], Score = 0.95 },
        new() { Kind = "braintree_access_token", Entity = "BRAINTREE_TOKEN", Description = "PayPal Braintree access token", Pattern = SecretPatterns.BraintreeAccessToken(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "twilio_api_key", Entity = "TWILIO_KEY", Description = "Twilio API key", Pattern = SecretPatterns.TwilioApiKey(), Score = 0.85, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "twilio_auth_token", Entity = "TWILIO_KEY", Description = "Twilio auth token", Pattern = SecretPatterns.TwilioAuthToken(), Keywords = ["twilio"], Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "sendgrid_api_key", Entity = "SENDGRID_KEY", Description = "SendGrid API key", Pattern = SecretPatterns.SendGridKey(), Score = 1.0 },
        new() { Kind = "mailgun_api_key", Entity = "MAILGUN_KEY", Description = "Mailgun API key", Pattern = SecretPatterns.MailgunKey(), Score = 0.85, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "anthropic_api_key", Entity = "ANTHROPIC_API_KEY", Description = "Anthropic API key", Pattern = SecretPatterns.AnthropicKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "openai_api_key", Entity = "OPENAI_API_KEY", Description = "OpenAI API key", Pattern = SecretPatterns.OpenAiKey(), Score = 0.95, Severity = Severity.Critical, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "huggingface_token", Entity = "HUGGINGFACE_TOKEN", Description = "Hugging Face access token", Pattern = SecretPatterns.HuggingFaceToken(), Score = 0.9, Check = SecretChecks.MixedCaseRandom },
        new() { Kind = "groq_api_key", Entity = "GROQ_API_KEY", Description = "Groq API key", Pattern = SecretPatterns.GroqKey(), Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "replicate_api_token", Entity = "REPLICATE_API_TOKEN", Description = "Replicate API token", Pattern = SecretPatterns.ReplicateToken(), Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "perplexity_api_key", Entity = "PERPLEXITY_API_KEY", Description = "Perplexity API key", Pattern = SecretPatterns.PerplexityKey(), Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "xai_api_key", Entity = "XAI_API_KEY", Description = "xAI API key", Pattern = SecretPatterns.XaiKey(), Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "npm_token", Entity = "NPM_TOKEN", Description = "npm access token", Pattern = SecretPatterns.NpmToken(), Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "pypi_token", Entity = "PYPI_TOKEN", Description = "PyPI upload token", Pattern = SecretPatterns.PyPiToken(), Score = 1.0 },
        new() { Kind = "nuget_api_key", Entity = "NUGET_API_KEY", Description = "NuGet API key", Pattern = SecretPatterns.NuGetKey(), Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "shopify_token", Entity = "SHOPIFY_TOKEN", Description = "Shopify access token or shared secret", Pattern = SecretPatterns.ShopifyToken(), Score = 0.95 },
        new() { Kind = "atlassian_api_token", Entity = "ATLASSIAN_TOKEN", Description = "Atlassian API token", Pattern = SecretPatterns.AtlassianToken(), Score = 0.95 },
        new() { Kind = "heroku_api_key", Entity = "HEROKU_KEY", Description = "Heroku API key", Pattern = SecretPatterns.HerokuKey(), Score = 0.95 },
        new() { Kind = "heroku_api_key", Entity = "HEROKU_KEY", Description = "Heroku API key", Pattern = SecretPatterns.HerokuLegacyKey(), Keywords = ["heroku"], Score = 0.85 },
        new() { Kind = "digitalocean_token", Entity = "DIGITALOCEAN_TOKEN", Description = "DigitalOcean token", Pattern = SecretPatterns.DigitalOceanToken(), Score = 1.0 },
        new() { Kind = "databricks_token", Entity = "DATABRICKS_TOKEN", Description = "Databricks personal access token", Pattern = SecretPatterns.DatabricksToken(), Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "vault_token", Entity = "VAULT_TOKEN", Description = "HashiCorp Vault service token", Pattern = SecretPatterns.VaultToken(), Score = 0.95 },
        new() { Kind = "postman_api_key", Entity = "POSTMAN_KEY", Description = "Postman API key", Pattern = SecretPatterns.PostmanKey(), Score = 0.95 },
        new() { Kind = "grafana_service_account_token", Entity = "GRAFANA_TOKEN", Description = "Grafana service-account token", Pattern = SecretPatterns.GrafanaServiceAccountToken(), Score = 0.95 },
        new() { Kind = "linear_api_key", Entity = "LINEAR_API_KEY", Description = "Linear API key", Pattern = SecretPatterns.LinearKey(), Score = 0.95 },
        new() { Kind = "age_secret_key", Entity = "AGE_SECRET_KEY", Description = "age encryption secret key", Pattern = SecretPatterns.AgeSecretKey(), Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "private_key", Entity = "PRIVATE_KEY", Description = "PEM private key", Pattern = SecretPatterns.PemPrivateKeyHeader(), Score = 1.0, Severity = Severity.Critical, Check = SecretChecks.PemBody, ExtendEnd = SecretChecks.PemEnd },
        new() { Kind = "jwt", Entity = "JWT", Description = "JSON Web Token", Pattern = SecretPatterns.Jwt(), Score = 0.9, Check = SecretChecks.JwtHeader },
        new() { Kind = "url_credentials", Entity = "PASSWORD", Description = "password in a URL", Pattern = SecretPatterns.UrlCredentials(), Score = 0.9, Check = SecretChecks.UrlPassword },
        new() { Kind = "connection_string_password", Entity = "PASSWORD", Description = "password in a connection string", Pattern = SecretPatterns.ConnectionStringPassword(), Keywords = ["pwd", "password"], Score = 0.9, Check = SecretChecks.ConnectionStringContext },
        new() { Kind = "aws_secret_key", Entity = "AWS_SECRET_KEY", Description = "AWS secret access key", Pattern = SecretPatterns.AwsSecretKey(), Keywords = ["aws_", "aws ", "aws-", "aws.", "awssecret", "akia", "asia"], Score = 0.9, Severity = Severity.Critical, Check = SecretChecks.AwsSecretContext },
        new() { Kind = "generic_secret", Entity = "SECRET", Description = "high-entropy value assigned to a secret-named variable", Pattern = SecretPatterns.GenericAssignment(), Keywords = GenericKeywords, AnchoredAtKeywords = true, Score = 0.7, Severity = Severity.Medium, Check = SecretChecks.GenericValue },
    ];
}
