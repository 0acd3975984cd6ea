using System.Text.RegularExpressions;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// Credential formats, one pattern per kind. Formats are the documented or widely published
/// shapes of each provider's tokens. Where a pattern has a group named <c>v</c>, that group is the
/// secret and the rest is context; otherwise the whole match is the secret. Word-character
/// look-arounds stop a pattern from matching inside a longer identifier or base64 run.
/// </summary>
internal static partial class SecretPatterns
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int T = RegexLimits.BuiltInMatchTimeoutMs;

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", Opts, T)]
    public static partial Regex AwsAccessKey();

    // Forty base64 characters standing alone; the rule's check demands AWS context nearby.
    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", Opts, T)]
    public static partial Regex AwsSecretKey();

    [GeneratedRegex("\"private_key\"\\s*:\\s*\"(?<v>-----BEGIN[A-Z ]{0,20}PRIVATE KEY-----[^\"]{16,16384}?)\"", Opts, T)]
    public static partial Regex GcpServiceAccountKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex GcpApiKey();

    [GeneratedRegex(@"(?i:AccountKey)\s*=\s*(?<v>[A-Za-z0-9+/]{86}==)", Opts, T)]
    public static partial Regex AzureStorageKey();

    [GeneratedRegex(@"(?i:SharedAccessKey)\s*=\s*(?<v>[A-Za-z0-9+/]{42,43}=)", Opts, T)]
    public static partial Regex AzureSharedAccessKey();

    [GeneratedRegex(@"[?&](?i:sig)=(?<v>[A-Za-z0-9%+/]{30,120}(?:%3[Dd]|=){0,2})", Opts, T)]
    public static partial Regex AzureSasSignature();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])ghp_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubPat();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])gho_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubOAuth();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])ghu_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubUserToServer();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])ghs_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubServerToServer();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])ghr_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubRefresh();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59,80}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GitHubFineGrainedPat();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|ft|imt|oas|cbt|soat|ffct)-[0-9A-Za-z_-]{20,64}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:xox[abposr]-[0-9]{6,13}(?:-[0-9A-Za-z]{4,64}){1,4}|xapp-[0-9]-[A-Z0-9]{6,16}-[0-9]{6,16}-[a-f0-9]{32,80})(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{16,48}|(?:workflows|triggers)/T[A-Z0-9]{6,12}/[A-Za-z0-9/]{16,120})", Opts, T)]
    public static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<id>[MNO][A-Za-z0-9_-]{23,27})\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_.-])", Opts, T)]
    public static partial Regex DiscordBotToken();

    [GeneratedRegex(@"https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,72}", Opts, T)]
    public static partial Regex DiscordWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:])[0-9]{8,10}:AA[0-9A-Za-z_-]{33}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex TelegramBotToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])sk_live_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex StripeSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])rk_live_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex StripeRestrictedKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[sr]k_test_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex StripeTestKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,88}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex StripeWebhookSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[0-9A-Za-z_-]{22})(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex SquareAccessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])sq0csp-[0-9A-Za-z_-]{43}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex SquareOAuthSecret();

    [GeneratedRegex(@"access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}", Opts, T)]
    public static partial Regex BraintreeAccessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])", Opts, T)]
    public static partial Regex TwilioApiKey();

    [GeneratedRegex(@"(?i:twilio)[A-Za-z0-9_. -]{0,30}?(?i:auth[_ -]?token|secret)[""']?\s*(?:=|:|:=|=>)\s*[""']?(?<v>[0-9a-f]{32})(?![0-9A-Za-z])", Opts, T)]
    public static partial Regex TwilioAuthToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex SendGridKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])key-[0-9a-zA-Z]{32}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex MailgunKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{32,150}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GroqKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex ReplicateToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex PerplexityKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])xai-[A-Za-z0-9]{80}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex XaiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex NpmToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex PyPiToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])oy2[a-z0-9]{43}(?![A-Za-z0-9])", Opts, T)]
    public static partial Regex NuGetKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex ShopifyToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{100,300}(?![A-Za-z0-9_=-])", Opts, T)]
    public static partial Regex AtlassianToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])HRKU-[0-9A-Za-z_-]{60}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex HerokuKey();

    [GeneratedRegex(@"(?i:heroku)[A-Za-z0-9_. -]{0,30}?(?i:api[_ -]?key|key|token)[""']?\s*(?:=|:|:=|=>)\s*[""']?(?<v>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9A-Za-z])", Opts, T)]
    public static partial Regex HerokuLegacyKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex DigitalOceanToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])", Opts, T)]
    public static partial Regex DatabricksToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex GoogleOAuthClientSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])hvs\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex VaultToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex PostmanKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex GrafanaServiceAccountToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])", Opts, T)]
    public static partial Regex LinearKey();

    [GeneratedRegex(@"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", Opts, T)]
    public static partial Regex AgeSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4096}\.[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,4096}(?![A-Za-z0-9_-])", Opts, T)]
    public static partial Regex Jwt();

    // Only the header; the scanner extends the span to the END line or the end of the key body.
    [GeneratedRegex(@"-----BEGIN (?<type>(?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY(?: BLOCK)?-----", Opts, T)]
    public static partial Regex PemPrivateKeyHeader();

    // Starts at the literal "://" (found by a vectorised search); the scheme is checked behind it.
    [GeneratedRegex(@"(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20})://[^\s:/?#@""'<>\[\]]{1,128}:(?<v>[^\s/?#@""'<>]{1,256})@(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}", Opts, T)]
    public static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?i:password|pwd)\s*=\s*(?:""(?<v>[^""\r\n]{1,256})""|'(?<v>[^'\r\n]{1,256})'|(?<v>[^;""'\s]{1,256}))", Opts, T)]
    public static partial Regex ConnectionStringPassword();

    // A name that says "secret", an assignment operator, and a quoted or bare value. The value is
    // judged by the rule's check (entropy, placeholders, identifier shape), not by the pattern.
    // Anchored (\G): the scanner runs it only where its keyword search found a secret-like word;
    // what comes before the keyword (DB_, client, my) does not matter, and a suffix must be
    // separated (token_value, not tokenizer).
    [GeneratedRegex(@"\G(?i:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)(?:[_.-][A-Za-z0-9]{1,16}){0,2}[""']?[ \t]*(?:=|:|:=|=>)[ \t]*(?:""(?<v>[^""\r\n]{8,200})""|'(?<v>[^'\r\n]{8,200})'|`(?<v>[^`\r\n]{8,200})`|(?<v>[A-Za-z0-9+/=_-]{16,200})(?![A-Za-z0-9+/=_.(\[-]))", Opts, T)]
    public static partial Regex GenericAssignment();
}
