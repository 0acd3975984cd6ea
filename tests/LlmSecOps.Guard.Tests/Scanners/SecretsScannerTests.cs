using System.Text;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Secrets;
using LlmSecOps.Guard.Text;
using static LlmSecOps.Guard.Tests.Scanners.Fake;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class SecretsScannerTests
{
    private static readonly SecretsScanner Scanner = new();

    private static string Pem(string type, int lines = 6)
    {
        var sb = new StringBuilder();
        sb.Append("-----BEGIN ").Append(type).Append("-----\n");
        for (var i = 0; i < lines; i++)
        {
            sb.Append(B64(64, i + 3)).Append('\n');
        }

        sb.Append("-----END ").Append(type).Append("-----");
        return sb.ToString();
    }

    private static string Jwt(string header) =>
        Base64UrlOf(header) + "." + Base64UrlOf("{\"sub\":\"1234567890\",\"name\":\"someone\"}") + "." + B64Url(43);

    /// <summary>kind, the secret (found inside a sentence), a near miss that must not be reported.</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>
        {
            { "aws_access_key", "AKIA" + Chars(UpperDigits, 16), "AKIA" + Chars(UpperDigits, 15) },
            { "aws_secret_key", "aws_secret_access_key = " + "Qx7" + B64(37).Replace('+', 'k'), "aws commit " + Hex(40) },
            { "gcp_api_key", "AIza" + B64Url(35), "AIza" + B64Url(30) },
            { "google_oauth_client_secret", "GOCSPX-" + B64Url(28), "GOCSPX-" + B64Url(12) },
            { "azure_storage_key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + B64(86) + "==;EndpointSuffix=core.windows.net", "AccountKey=<your-storage-key>" },
            { "azure_shared_access_key", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + B64(43) + "=", "SharedAccessKeyName=RootManageSharedAccessKey;EntityPath=orders" },
            { "azure_sas_token", "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&se=2030-01-01&sp=r&sig=" + Alnum(43) + "%3D", "https://shop.test/p?page=2&sig=" + Alnum(43) },
            { "github_pat", "ghp_" + Alnum(36), "ghp_" + Alnum(20) },
            { "github_oauth_token", "gho_" + Alnum(36), "gho_" + Alnum(20) },
            { "github_user_token", "ghu_" + Alnum(36), "ghu_" + Alnum(20) },
            { "github_app_token", "ghs_" + Alnum(36), "ghs_" + Alnum(20) },
            { "github_refresh_token", "ghr_" + Alnum(36), "ghr_" + Alnum(20) },
            { "github_fine_grained_pat", "github_pat_" + Alnum(22) + "_" + Alnum(59, 9), "github_pat_" + Alnum(10) },
            { "gitlab_token", "glpat-" + B64Url(20), "glpat-abc" },
            { "slack_token", "xoxb-" + Digits(11) + "-" + Digits(13, 3) + "-" + Alnum(24), "xoxb-123" },
            { "slack_webhook", "https://hooks.slack.com/services/T" + Chars(UpperDigits, 8) + "/B" + Chars(UpperDigits, 9) + "/" + Alnum(24), "https://hooks.slack.com/services/" },
            { "discord_webhook", "https://discord.com/api/webhooks/" + Digits(18) + "/" + B64Url(68), "https://discord.com/api/webhooks/123/abc" },
            { "discord_bot_token", Base64UrlOf("112233445566778899") + "." + B64Url(6) + "." + B64Url(27), "M" + Alnum(23) + "." + B64Url(6) + "." + B64Url(27) },
            { "telegram_bot_token", Digits(9) + ":AA" + B64Url(33), Digits(9) + ":AB" + B64Url(33) },
            { "stripe_secret_key", "sk_live_" + Alnum(24), "pk_live_" + Alnum(24) },
            { "stripe_restricted_key", "rk_live_" + Alnum(24), "rk_live_" + Alnum(10) },
            { "stripe_test_key", "sk_test_" + Alnum(24), "sk_test_" + Alnum(10) },
            { "stripe_webhook_secret", "whsec_" + Alnum(32), "whsec_" + Alnum(10) },
            { "square_access_token", "EAAA" + B64Url(60), "EAAA" + B64Url(40) },
            { "square_oauth_secret", "sq0csp-" + B64Url(43), "sq0csp-" + B64Url(20) },
            { "braintree_access_token", "access_token$production$" + Chars(LowerAlnumChars, 16) + "$" + Hex(32), "access_token$production$abc" },
            { "twilio_api_key", "SK" + Hex(32), "SK" + Hex(31) },
            { "twilio_auth_token", "TWILIO_AUTH_TOKEN=" + Hex(32), "twilio auth token " + Hex(20) },
            { "sendgrid_api_key", "SG." + B64Url(22) + "." + B64Url(43, 5), "SG." + B64Url(22) },
            { "mailgun_api_key", "key-" + Alnum(32), "key-" + new string('a', 32) },
            { "anthropic_api_key", "sk-ant-api03-" + B64Url(93) + "AA", "sk-ant-example" },
            { "openai_api_key", "sk-proj-" + B64Url(100), "sk-" + Alnum(10) },
            { "huggingface_token", "hf_" + Chars(LetterChars, 34), "hf_" + Chars(LowerChars, 34) },
            { "groq_api_key", "gsk_" + Alnum(52), "gsk_" + Alnum(30) },
            { "replicate_api_token", "r8_" + Alnum(37), "r8_" + Alnum(10) },
            { "perplexity_api_key", "pplx-" + Alnum(48), "pplx-" + Alnum(20) },
            { "xai_api_key", "xai-" + Alnum(80), "xai-" + Alnum(20) },
            { "npm_token", "npm_" + Alnum(36), "npm_config_cache=/tmp/cache" },
            { "pypi_token", "pypi-AgEIcHlwaS5vcmc" + B64Url(60), "pypi-AgEIcHlw" },
            { "nuget_api_key", "oy2" + Chars(LowerAlnumChars, 43), "oy2" + Chars(LowerAlnumChars, 20) },
            { "shopify_token", "shpat_" + Hex(32), "shpat_xyz" },
            { "atlassian_api_token", "ATATT3" + B64Url(180), "ATATT3" + B64Url(20) },
            { "heroku_api_key", "HRKU-" + B64Url(60), "HRKU-" + B64Url(10) },
            { "digitalocean_token", "dop_v1_" + Hex(64), "dop_v1_" + Hex(10) },
            { "databricks_token", "dapi" + Hex(32), "dapi" + Hex(16) },
            { "vault_token", "hvs." + B64Url(95), "hvs." + B64Url(10) },
            { "postman_api_key", "PMAK-" + Hex(24) + "-" + Hex(34, 3), "PMAK-" + Hex(24) },
            { "grafana_service_account_token", "glsa_" + Alnum(32) + "_" + Hex(8), "glsa_" + Alnum(32) },
            { "linear_api_key", "lin_api_" + Alnum(40), "lin_api_" + Alnum(10) },
            { "age_secret_key", "AGE-SECRET-KEY-1" + Chars(Bech32Chars, 58).ToUpperInvariant(), "AGE-SECRET-KEY-1" + Chars(Bech32Chars, 10).ToUpperInvariant() },
            { "private_key", Pem("RSA PRIVATE KEY"), Pem("PUBLIC KEY") },
            { "jwt", Jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), Jwt("{\"foo\":\"bar\",\"typ\":\"x\"}") },
            { "url_credentials", "postgres://admin:" + Alnum(16) + "@db.internal:5432/app", "postgres://admin:${DB_PASSWORD}@db.internal/app" },
            { "connection_string_password", "Server=tcp:db.corp.net,1433;Database=app;User Id=sa;Password=" + Alnum(14) + ";", "Server=db;Database=app;User Id=sa;Password=<password>;" },
            { "generic_secret", "client_token = \"" + Alnum(32) + "\"", "client_token = os.environ[\"CLIENT_TOKEN\"]" },
        };
        return data;
    }

    [Fact]
    public void Rules_CoverAtLeast25Kinds()
    {
        Assert.True(SecretRules.Kinds.Count >= 25, $"{SecretRules.Kinds.Count} kinds");
        Assert.All(SecretRules.All, r => Assert.StartsWith("secret.", r.RuleId, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ScanAsync_KnownFormat_IsFoundWithMaskedEvidence(string kind, string secret, string nearMiss)
    {
        _ = nearMiss;
        var text = $"Here is what I have:\n{secret}\nplease use it for the deploy.";

        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        var finding = Assert.Single(findings, f => f.Rule == "secret." + kind);
        Assert.Equal(FindingCategories.Secret, finding.Category);
        Assert.False(string.IsNullOrEmpty(finding.Entity));
        var matched = ScannerHarness.SpanText(text, finding);
        Assert.Contains(matched, secret, StringComparison.Ordinal);
        Assert.True(matched.Length >= 8, matched);
        Assert.NotNull(finding.Evidence);
        Assert.DoesNotContain(matched, finding.Evidence!, StringComparison.Ordinal);
        Assert.True(CountVisible(finding.Evidence!) <= 8, finding.Evidence);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ScanAsync_NearMiss_IsNotReportedAsThatKind(string kind, string secret, string nearMiss)
    {
        _ = secret;
        var text = $"Here is what I have:\n{nearMiss}\nplease use it for the deploy.";

        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        Assert.DoesNotContain(findings, f => f.Rule == "secret." + kind && f.Score >= 0.5);
        Assert.DoesNotContain(findings, f => f.Score >= 0.5);
    }

    [Fact]
    public async Task ScanAsync_AwsDocumentedExample_IsFlaggedAndSaysSo()
    {
        var example = "AKIA" + "IOSFODNN7" + "EXAMPLE";

        var findings = await ScannerHarness.ScanAsync(Scanner, $"key id {example} from the docs");

        var finding = Assert.Single(findings);
        Assert.Equal("secret.aws_access_key", finding.Rule);
        Assert.Equal(1.0, finding.Score);
        Assert.Contains("documented example", finding.Message, StringComparison.Ordinal);
        Assert.Equal("AKI\u2026PLE", finding.Evidence);
    }

    [Theory]
    [InlineData("OPENSSH PRIVATE KEY")]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    [InlineData("ENCRYPTED PRIVATE KEY")]
    [InlineData("PGP PRIVATE KEY BLOCK")]
    public async Task ScanAsync_PemPrivateKeyBlocks_CoverTheWholeBlock(string type)
    {
        var pem = Pem(type);
        var text = "config:\n" + pem + "\nend";

        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        var finding = Assert.Single(findings);
        Assert.Equal("secret.private_key", finding.Rule);
        Assert.Equal(pem, ScannerHarness.SpanText(text, finding));
    }

    [Fact]
    public async Task ScanAsync_PemCutOffMidStream_CoversTheBodySoFar()
    {
        var pem = Pem("RSA PRIVATE KEY");
        var cut = pem[..(pem.Length / 2)];

        var findings = await ScannerHarness.ScanAsync(Scanner, "leaked: " + cut);

        var finding = Assert.Single(findings);
        Assert.Equal("secret.private_key", finding.Rule);
        Assert.Equal(8 + cut.Length, finding.Span!.Value.End);
    }

    [Fact]
    public async Task ScanAsync_PemPlaceholderInDocs_ScoresLow()
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----");

        var finding = Assert.Single(findings);
        Assert.True(finding.Score < 0.5);
    }

    [Fact]
    public async Task ScanAsync_GcpServiceAccountJson_IsOneFindingForTheKey()
    {
        var key = "-----BEGIN PRIVATE KEY-----\\n" + B64(64) + "\\n" + B64(64, 2) + "\\n-----END PRIVATE KEY-----\\n";
        var json = "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key\": \"" + key + "\", \"client_email\": \"x\"}";

        var findings = await ScannerHarness.ScanAsync(Scanner, json);

        var finding = Assert.Single(findings);
        Assert.Equal("secret.gcp_service_account_key", finding.Rule);
        Assert.Equal(key, ScannerHarness.SpanText(json, finding));
    }

    [Theory]
    [InlineData("sk-" + "proj-")]
    [InlineData("ghp_")]
    public async Task ScanAsync_AssignedSpecificToken_ReportsTheSpecificRuleOnly(string prefix)
    {
        var token = prefix + Alnum(prefix.Length > 4 ? 60 : 36);
        var findings = await ScannerHarness.ScanAsync(Scanner, $"api_key = \"{token}\"");

        var finding = Assert.Single(findings);
        Assert.NotEqual("secret.generic_secret", finding.Rule);
    }

    [Theory]
    [InlineData("password = \"changeme\"")]
    [InlineData("api_key: \"<your-api-key>\"")]
    [InlineData("secret = \"${SECRET}\"")]
    [InlineData("token = \"xxxxxxxxxxxxxxxx\"")]
    [InlineData("API_KEY=your_api_key_here")]
    [InlineData("password: \"{{ vault_password }}\"")]
    public async Task ScanAsync_PlaceholderAssignments_AreIgnored(string line)
    {
        Assert.Empty(await ScannerHarness.ScanAsync(Scanner, line));
    }

    [Theory]
    [InlineData("password = \"Tr0ub4dor&3x\"")]
    [InlineData("DB_PASSWORD=Zq8vLw2RkP9mXt4N")]
    [InlineData("\"client_secret\": \"f3Kd9_sLq2-Vx7mZ0pRt\"")]
    [InlineData("const apiKey = 'aB3xK9mQ2zR7tW5y';")]
    public async Task ScanAsync_HighEntropyAssignments_AreGenericSecrets(string line)
    {
        var finding = Assert.Single(await ScannerHarness.ScanAsync(Scanner, line));

        Assert.Equal("secret.generic_secret", finding.Rule);
        Assert.InRange(finding.Score, 0.5, 0.9);
        Assert.DoesNotContain("=", ScannerHarness.SpanText(line, finding), StringComparison.Ordinal);
    }

    public static TheoryData<string> OrdinaryTexts() => new()
    {
        "var token = await _tokens.GetTokenAsync(cancellationToken);\nstring password = config[\"Password\"];\nif (secret is null) throw new InvalidOperationException();",
        "API_KEY = os.environ[\"API_KEY\"]\ntokenizer = AutoTokenizer.from_pretrained(\"meta-llama/Llama-2-7b-hf\")\nmax_tokens = 4096\nsecret_name = \"prod/db/credentials-v2\"",
        "const secret = process.env.SESSION_SECRET;\nconst token = req.headers.authorization?.split(' ')[1];\nexport const passwordMinLength = 12;",
        "id: " + Guid.Parse("1b4e28ba-2fa1-11d2-883f-0016d3cca427") + " and " + Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        "commit " + Hex(40) + "\nAuthor: dev\nMerge: " + Hex(7) + " " + Hex(7, 3) + "\ntree " + Hex(40, 5),
        "<img src=\"data:image/png;base64," + B64(3000) + "==\" alt=\"logo\">",
        "\"integrity\": \"sha512-" + B64(86) + "==\",\n\"resolved\": \"https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz#" + Hex(40) + "\"",
        "The token bucket algorithm refills at a fixed rate; a secret handshake is not a security control, and passwords should be long.",
        "sha256:" + Hex(64) + "  image.tar\nSHA1 " + Hex(40, 2),
        "| key | value |\n|---|---|\n| api_key | see the vault |\n| password | rotate every 90 days |",
        "ssh-ed25519 " + B64(68) + " dev@laptop",
        "-----BEGIN CERTIFICATE-----\n" + B64(64) + "\n-----END CERTIFICATE-----",
    };

    [Theory]
    [MemberData(nameof(OrdinaryTexts))]
    public async Task ScanAsync_OrdinaryCodeAndProse_FindsNothing(string text)
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        Assert.DoesNotContain(findings, f => f.Score >= 0.5);
    }

    [Fact]
    public void SearchDecoded_SecretInsideBase64_IsReportedOnTheEncodedSpan()
    {
        var token = "ghp_" + Alnum(36);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("export GITHUB_TOKEN=" + token));
        var text = "run this: " + encoded;
        var source = new TextSpan(10, encoded.Length);
        var hits = new List<LlmSecOps.Guard.Scanners.Common.RankedHit>();

        Scanner.SearchDecoded([new DecodedPayload("export GITHUB_TOKEN=" + token, ["base64"], source)], hits, CancellationToken.None);

        var hit = Assert.Single(hits);
        Assert.Equal("secret.github_pat", hit.Finding.Rule);
        Assert.Equal(source, hit.Finding.Span);
        Assert.Equal(encoded, text.Substring(source.Start, source.Length));
        Assert.Equal(["base64"], hit.Finding.Encodings);
        Assert.DoesNotContain(token, hit.Finding.Evidence!, StringComparison.Ordinal);
        Assert.Null(hit.Finding.Decoded);
    }

    [Fact]
    public async Task ScanAsync_ManyKeysInOneText_AreAllFound()
    {
        var keys = Enumerable.Range(0, 20).Select(i => "ghp_" + Alnum(36, i)).ToArray();
        var text = string.Join(" and ", keys);

        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        Assert.Equal(20, findings.Count);
        Assert.Equal(keys, findings.Select(f => ScannerHarness.SpanText(text, f)));
    }

    private static int CountVisible(string evidence)
    {
        var paren = evidence.IndexOf('(', StringComparison.Ordinal);
        var shown = paren >= 0 ? evidence[..paren] : evidence;
        return shown.Count(c => c != '\u2026');
    }
}
