using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// The credential kinds the secrets scanner knows, most specific first: when two rules match the
/// same characters, the earlier one wins.
/// </summary>
internal static class SecretRules
{
    /// <summary>Every rule, in priority order.</summary>
    public static IReadOnlyList<SecretRule> All { get; } = Create();

    /// <summary>Kinds covered (distinct), for documentation and tests.</summary>
    public static IReadOnlyList<string> Kinds { get; } = All.Select(r => r.Kind).Distinct(StringComparer.Ordinal).ToArray();

    private static SecretRule[] Create() =>
    [
        new() { Kind = "aws_access_key", Entity = "AWS_ACCESS_KEY", Description = "AWS access key id", Pattern = SecretPatterns.AwsAccessKey(), Keywords = ["akia", "asia", "abia", "acca"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gcp_service_account_key", Entity = "GCP_PRIVATE_KEY", Description = "Google Cloud service-account private key", Pattern = SecretPatterns.GcpServiceAccountKey(), Keywords = ["private_key"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gcp_api_key", Entity = "GCP_API_KEY", Description = "Google API key", Pattern = SecretPatterns.GcpApiKey(), Keywords = ["aiza"], Score = 0.95 },
        new() { Kind = "google_oauth_client_secret", Entity = "GOOGLE_OAUTH_SECRET", Description = "Google OAuth client secret", Pattern = SecretPatterns.GoogleOAuthClientSecret(), Keywords = ["gocspx-"] },
        new() { Kind = "azure_storage_key", Entity = "AZURE_STORAGE_KEY", Description = "Azure storage account key", Pattern = SecretPatterns.AzureStorageKey(), Keywords = ["accountkey"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "azure_shared_access_key", Entity = "AZURE_SHARED_ACCESS_KEY", Description = "Azure Service Bus / Event Hubs shared access key", Pattern = SecretPatterns.AzureSharedAccessKey(), Keywords = ["sharedaccesskey"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "azure_sas_token", Entity = "AZURE_SAS", Description = "Azure shared access signature", Pattern = SecretPatterns.AzureSasSignature(), Keywords = ["sig="], Score = 0.9, Check = SecretChecks.AzureSasContext },
        new() { Kind = "github_pat", Entity = "GITHUB_TOKEN", Description = "GitHub personal access token", Pattern = SecretPatterns.GitHubPat(), Keywords = ["ghp_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_oauth_token", Entity = "GITHUB_TOKEN", Description = "GitHub OAuth access token", Pattern = SecretPatterns.GitHubOAuth(), Keywords = ["gho_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_user_token", Entity = "GITHUB_TOKEN", Description = "GitHub user-to-server token", Pattern = SecretPatterns.GitHubUserToServer(), Keywords = ["ghu_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_app_token", Entity = "GITHUB_TOKEN", Description = "GitHub server-to-server (app installation) token", Pattern = SecretPatterns.GitHubServerToServer(), Keywords = ["ghs_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_refresh_token", Entity = "GITHUB_TOKEN", Description = "GitHub refresh token", Pattern = SecretPatterns.GitHubRefresh(), Keywords = ["ghr_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "github_fine_grained_pat", Entity = "GITHUB_TOKEN", Description = "GitHub fine-grained personal access token", Pattern = SecretPatterns.GitHubFineGrainedPat(), Keywords = ["github_pat_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "gitlab_token", Entity = "GITLAB_TOKEN", Description = "GitLab token", Pattern = SecretPatterns.GitLabToken(), Keywords = ["gl"], Score = 0.95, Check = SecretChecks.MinEntropy(3.0) },
        new() { Kind = "slack_token", Entity = "SLACK_TOKEN", Description = "Slack token", Pattern = SecretPatterns.SlackToken(), Keywords = ["xox", "xapp-"], Score = 0.95 },
        new() { Kind = "slack_webhook", Entity = "SLACK_WEBHOOK", Description = "Slack incoming webhook URL", Pattern = SecretPatterns.SlackWebhook(), Keywords = ["hooks.slack.com"], Score = 0.95 },
        new() { Kind = "discord_webhook", Entity = "DISCORD_WEBHOOK", Description = "Discord webhook URL", Pattern = SecretPatterns.DiscordWebhook(), Keywords = ["discord"], Score = 0.95 },
        new() { Kind = "discord_bot_token", Entity = "DISCORD_TOKEN", Description = "Discord bot token", Pattern = SecretPatterns.DiscordBotToken(), Score = 0.9, Check = SecretChecks.DiscordId },
        new() { Kind = "telegram_bot_token", Entity = "TELEGRAM_BOT_TOKEN", Description = "Telegram bot token", Pattern = SecretPatterns.TelegramBotToken(), Keywords = [":aa"], Score = 0.95 },
        new() { Kind = "stripe_secret_key", Entity = "STRIPE_KEY", Description = "Stripe live secret key", Pattern = SecretPatterns.StripeSecretKey(), Keywords = ["sk_live_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "stripe_restricted_key", Entity = "STRIPE_KEY", Description = "Stripe live restricted key", Pattern = SecretPatterns.StripeRestrictedKey(), Keywords = ["rk_live_"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "stripe_test_key", Entity = "STRIPE_KEY", Description = "Stripe test-mode secret key", Pattern = SecretPatterns.StripeTestKey(), Keywords = ["k_test_"], Score = 0.6, Severity = Severity.Low },
        new() { Kind = "stripe_webhook_secret", Entity = "STRIPE_WEBHOOK_SECRET", Description = "Stripe webhook signing secret", Pattern = SecretPatterns.StripeWebhookSecret(), Keywords = ["whsec_"], Score = 0.95 },
        new() { Kind = "square_access_token", Entity = "SQUARE_TOKEN", Description = "Square access token", Pattern = SecretPatterns.SquareAccessToken(), Keywords = ["eaaa", "sq0atp-"], Score = 0.9, Check = SecretChecks.MinEntropy(3.5) },
        new() { Kind = "square_oauth_secret", Entity = "SQUARE_TOKEN", Description = "Square OAuth application secret", Pattern = SecretPatterns.SquareOAuthSecret(), Keywords = ["sq0csp-"], Score = 0.95 },
        new() { Kind = "braintree_access_token", Entity = "BRAINTREE_TOKEN", Description = "PayPal Braintree access token", Pattern = SecretPatterns.BraintreeAccessToken(), Keywords = ["access_token$"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "twilio_api_key", Entity = "TWILIO_KEY", Description = "Twilio API key", Pattern = SecretPatterns.TwilioApiKey(), Keywords = ["sk"], Score = 0.85, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "twilio_auth_token", Entity = "TWILIO_KEY", Description = "Twilio auth token", Pattern = SecretPatterns.TwilioAuthToken(), Keywords = ["twilio"], Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "sendgrid_api_key", Entity = "SENDGRID_KEY", Description = "SendGrid API key", Pattern = SecretPatterns.SendGridKey(), Keywords = ["sg."], Score = 1.0 },
        new() { Kind = "mailgun_api_key", Entity = "MAILGUN_KEY", Description = "Mailgun API key", Pattern = SecretPatterns.MailgunKey(), Keywords = ["key-"], Score = 0.85, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "anthropic_api_key", Entity = "ANTHROPIC_API_KEY", Description = "Anthropic API key", Pattern = SecretPatterns.AnthropicKey(), Keywords = ["sk-ant-"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "openai_api_key", Entity = "OPENAI_API_KEY", Description = "OpenAI API key", Pattern = SecretPatterns.OpenAiKey(), Keywords = ["sk-"], Score = 0.95, Severity = Severity.Critical, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "huggingface_token", Entity = "HUGGINGFACE_TOKEN", Description = "Hugging Face access token", Pattern = SecretPatterns.HuggingFaceToken(), Keywords = ["hf_"], Score = 0.9, Check = SecretChecks.MixedCaseRandom },
        new() { Kind = "groq_api_key", Entity = "GROQ_API_KEY", Description = "Groq API key", Pattern = SecretPatterns.GroqKey(), Keywords = ["gsk_"], Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "replicate_api_token", Entity = "REPLICATE_API_TOKEN", Description = "Replicate API token", Pattern = SecretPatterns.ReplicateToken(), Keywords = ["r8_"], Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "perplexity_api_key", Entity = "PERPLEXITY_API_KEY", Description = "Perplexity API key", Pattern = SecretPatterns.PerplexityKey(), Keywords = ["pplx-"], Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "xai_api_key", Entity = "XAI_API_KEY", Description = "xAI API key", Pattern = SecretPatterns.XaiKey(), Keywords = ["xai-"], Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "npm_token", Entity = "NPM_TOKEN", Description = "npm access token", Pattern = SecretPatterns.NpmToken(), Keywords = ["npm_"], Score = 0.95, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "pypi_token", Entity = "PYPI_TOKEN", Description = "PyPI upload token", Pattern = SecretPatterns.PyPiToken(), Keywords = ["pypi-"], Score = 1.0 },
        new() { Kind = "nuget_api_key", Entity = "NUGET_API_KEY", Description = "NuGet API key", Pattern = SecretPatterns.NuGetKey(), Keywords = ["oy2"], Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "shopify_token", Entity = "SHOPIFY_TOKEN", Description = "Shopify access token or shared secret", Pattern = SecretPatterns.ShopifyToken(), Keywords = ["shp"], Score = 0.95 },
        new() { Kind = "atlassian_api_token", Entity = "ATLASSIAN_TOKEN", Description = "Atlassian API token", Pattern = SecretPatterns.AtlassianToken(), Keywords = ["atatt3"], Score = 0.95 },
        new() { Kind = "heroku_api_key", Entity = "HEROKU_KEY", Description = "Heroku API key", Pattern = SecretPatterns.HerokuKey(), Keywords = ["hrku-"], Score = 0.95 },
        new() { Kind = "heroku_api_key", Entity = "HEROKU_KEY", Description = "Heroku API key", Pattern = SecretPatterns.HerokuLegacyKey(), Keywords = ["heroku"], Score = 0.85 },
        new() { Kind = "digitalocean_token", Entity = "DIGITALOCEAN_TOKEN", Description = "DigitalOcean token", Pattern = SecretPatterns.DigitalOceanToken(), Keywords = ["_v1_"], Score = 1.0 },
        new() { Kind = "databricks_token", Entity = "DATABRICKS_TOKEN", Description = "Databricks personal access token", Pattern = SecretPatterns.DatabricksToken(), Keywords = ["dapi"], Score = 0.9, Check = SecretChecks.RandomAlphanumeric },
        new() { Kind = "vault_token", Entity = "VAULT_TOKEN", Description = "HashiCorp Vault service token", Pattern = SecretPatterns.VaultToken(), Keywords = ["hvs."], Score = 0.95 },
        new() { Kind = "postman_api_key", Entity = "POSTMAN_KEY", Description = "Postman API key", Pattern = SecretPatterns.PostmanKey(), Keywords = ["pmak-"], Score = 0.95 },
        new() { Kind = "grafana_service_account_token", Entity = "GRAFANA_TOKEN", Description = "Grafana service-account token", Pattern = SecretPatterns.GrafanaServiceAccountToken(), Keywords = ["glsa_"], Score = 0.95 },
        new() { Kind = "linear_api_key", Entity = "LINEAR_API_KEY", Description = "Linear API key", Pattern = SecretPatterns.LinearKey(), Keywords = ["lin_api_"], Score = 0.95 },
        new() { Kind = "age_secret_key", Entity = "AGE_SECRET_KEY", Description = "age encryption secret key", Pattern = SecretPatterns.AgeSecretKey(), Keywords = ["age-secret-key-1"], Score = 1.0, Severity = Severity.Critical },
        new() { Kind = "private_key", Entity = "PRIVATE_KEY", Description = "PEM private key", Pattern = SecretPatterns.PemPrivateKeyHeader(), Keywords = ["private key"], Score = 1.0, Severity = Severity.Critical, Check = SecretChecks.PemBody, ExtendEnd = SecretChecks.PemEnd },
        new() { Kind = "jwt", Entity = "JWT", Description = "JSON Web Token", Pattern = SecretPatterns.Jwt(), Keywords = ["eyj"], Score = 0.9, Check = SecretChecks.JwtHeader },
        new() { Kind = "url_credentials", Entity = "PASSWORD", Description = "password in a URL", Pattern = SecretPatterns.UrlCredentials(), Keywords = ["://"], Score = 0.9, Check = SecretChecks.UrlPassword },
        new() { Kind = "connection_string_password", Entity = "PASSWORD", Description = "password in a connection string", Pattern = SecretPatterns.ConnectionStringPassword(), Keywords = ["pwd", "password"], Score = 0.9, Check = SecretChecks.ConnectionStringContext },
        new() { Kind = "aws_secret_key", Entity = "AWS_SECRET_KEY", Description = "AWS secret access key", Pattern = SecretPatterns.AwsSecretKey(), Keywords = ["aws", "akia", "asia"], Score = 0.9, Severity = Severity.Critical, Check = SecretChecks.AwsSecretContext },
        new() { Kind = "generic_secret", Entity = "SECRET", Description = "high-entropy value assigned to a secret-named variable", Pattern = SecretPatterns.GenericAssignment(), Keywords = ["pass", "pwd", "secret", "token", "key", "credential"], Score = 0.7, Severity = Severity.Medium, Check = SecretChecks.GenericValue },
    ];
}
