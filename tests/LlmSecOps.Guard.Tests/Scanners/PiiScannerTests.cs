using System.Numerics;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Redaction;
using LlmSecOps.Guard.Scanners.Pii;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class PiiScannerTests
{
    private static readonly PiiScanner Scanner = new(GuardPolicy.Default);

    // Independent of the scanner's implementation: appends the Luhn check digit.
    private static string WithLuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return body + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static string WithIbanCheck(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var digits = string.Concat(rearranged.Select(c => char.IsDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var check = 98 - (int)(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97);
        return country + check.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + bban;
    }

    private static string Group(string digits, params int[] sizes)
    {
        var parts = new List<string>();
        var at = 0;
        foreach (var s in sizes)
        {
            parts.Add(digits.Substring(at, s));
            at += s;
        }

        return string.Join(' ', parts);
    }

    private static async Task<Finding> SingleAsync(string text, string rule)
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, text);
        return Assert.Single(findings, f => f.Rule == rule);
    }

    private static async Task AssertNoneAsync(string text, string? rule = null)
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, text);
        Assert.DoesNotContain(findings, f => (rule is null || f.Rule == rule) && f.Score >= 0.5);
    }

    [Theory]
    [InlineData("write to jane.doe+news@mail.larkspur.dev today", "jane.doe+news@mail.larkspur.dev")]
    [InlineData("<a href=\"mailto:ops@larkspur.dev\">", "ops@larkspur.dev")]
    public async Task Email_IsFoundAndMasked(string text, string email)
    {
        var f = await SingleAsync(text, "pii.email");

        Assert.Equal(email, ScannerHarness.SpanText(text, f));
        Assert.Equal("EMAIL", f.Entity);
        Assert.DoesNotContain(email, f.Evidence!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test with john.doe@example.com")]
    [InlineData("alice@mail.example.org and bob@shop.test")]
    public async Task Email_AtReservedExampleDomains_ScoresUnderThreshold(string text)
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Rule == "pii.email" && f.Score < 0.5, $"{f.Rule} {f.Score}"));
    }

    [Theory]
    [InlineData("see icon@2x.png in the assets folder")]
    [InlineData("git clone git@github.com:org/repo.git")]
    [InlineData("write to jane at example dot com")]
    [InlineData("DATABASE_URL=postgres://app:s3cr3tpw@db.internal:5432/app")]
    public async Task Email_NearMisses_AreIgnored(string text) => await AssertNoneAsync(text, "pii.email");

    [Theory]
    [InlineData("call +1 415 555 2671 tomorrow", "+1 415 555 2671")]
    [InlineData("office: +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("reach me at (415) 555-2671", "(415) 555-2671")]
    [InlineData("number 415-555-2671 works", "415-555-2671")]
    [InlineData("Berlin 030 1234 5678 ab 9 Uhr", "030 1234 5678")]
    [InlineData("Paris 01 23 45 67 89 le matin", "01 23 45 67 89")]
    [InlineData("whatsapp +4915112345678", "+4915112345678")]
    [InlineData("standard +33 1 23 45 67 89 ou", "+33 1 23 45 67 89")]
    [InlineData("my phone is 5551234567", "5551234567")]
    public async Task Phone_CommonFormats_AreFound(string text, string phone)
    {
        var f = await SingleAsync(text, "pii.phone");

        Assert.Equal(phone, ScannerHarness.SpanText(text, f));
        Assert.Equal("PHONE", f.Entity);
        Assert.True(f.Score >= 0.5);
    }

    [Theory]
    [InlineData("released on 2024-01-15 and patched 15.01.2024")]
    [InlineData("requires version 1.2.3 or v10.0.100")]
    [InlineData("Total: $1,234.56 or 1.234,56 EUR")]
    [InlineData("order number 1234567890123 shipped")]
    [InlineData("the sequence 1 2 3 4 5 6 7 8 9")]
    [InlineData("pi is 3.14159265358979")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("at 12:30:45 the job ran 3 times in 2023")]
    [InlineData("population 8 000 000 people")]
    public async Task Phone_DatesVersionsPricesAndPlainNumbers_AreIgnored(string text) => await AssertNoneAsync(text, "pii.phone");

    public static TheoryData<string> ValidCards()
    {
        var visa = WithLuhnDigit("411111111111111");
        var mastercard = WithLuhnDigit("555555555555444");
        var amex = WithLuhnDigit("37828224631000");
        var discover = WithLuhnDigit("601111111111111");
        return new TheoryData<string>
        {
            Group(visa, 4, 4, 4, 4),
            string.Join('-', visa.Chunk(4).Select(c => new string(c))),
            mastercard,
            Group(amex, 4, 6, 5),
            Group(discover, 4, 4, 4, 4),
        };
    }

    [Theory]
    [MemberData(nameof(ValidCards))]
    public async Task CreditCard_LuhnValidKnownIssuer_IsFound(string card)
    {
        var text = $"card {card} exp 12/29";
        var f = await SingleAsync(text, "pii.credit_card");

        Assert.Equal(card, ScannerHarness.SpanText(text, f));
        Assert.Equal("CREDIT_CARD", f.Entity);
        Assert.Equal("\u2026" + card.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)[^4..], f.Evidence);
    }

    public static TheoryData<string> InvalidCards()
    {
        var visa = WithLuhnDigit("411111111111111");
        var badCheck = visa[..^1] + (char)('0' + ((visa[^1] - '0' + 1) % 10));
        return new TheoryData<string>
        {
            Group(badCheck, 4, 4, 4, 4),
            Group(WithLuhnDigit("912345678901234"), 4, 4, 4, 4),
            "0000 0000 0000 0000",
            visa[..4] + " " + visa[4..9] + " " + visa[9..13] + " " + visa[13..],
            visa[..4] + " " + visa[4..8] + "-" + visa[8..12] + " " + visa[12..],
        };
    }

    [Theory]
    [MemberData(nameof(InvalidCards))]
    public async Task CreditCard_BadChecksumIssuerOrGrouping_IsIgnored(string card) =>
        await AssertNoneAsync($"card {card} exp 12/29", "pii.credit_card");

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    public async Task Iban_ValidChecksum_IsFound(string iban)
    {
        var text = $"pay to {iban}, thanks";
        var f = await SingleAsync(text, "pii.iban");

        Assert.Equal(iban, ScannerHarness.SpanText(text, f));
        Assert.Equal("IBAN", f.Entity);
    }

    [Fact]
    public async Task Iban_GeneratedForSeveralCountries_AreFound()
    {
        foreach (var (country, bban) in new[] { ("FR", "20041010050500013M02606"), ("NL", "ABNA0417164300"), ("NO", "86011117947"), ("ES", "21000418450200051332") })
        {
            var iban = WithIbanCheck(country, bban);
            var f = await SingleAsync($"IBAN {iban}", "pii.iban");
            Assert.Equal(iban, ScannerHarness.SpanText($"IBAN {iban}", f));
        }
    }

    [Theory]
    [InlineData("GB83 WEST 1234 5698 7654 32")] // checksum off by one
    [InlineData("DE89 3704 0044 0532 0130 0")] // wrong length for Germany
    [InlineData("XX89 3704 0044 0532 0130 00")] // no such country
    public async Task Iban_BadChecksumLengthOrCountry_IsIgnored(string iban) => await AssertNoneAsync($"pay to {iban}", "pii.iban");

    [Theory]
    [InlineData("SSN 123-45-6789 on file", 0.9)]
    [InlineData("employee 536-22-1487 joined", 0.8)]
    [InlineData("social security number: 536221487", 0.9)]
    public async Task UsSsn_IssuableNumbers_AreFound(string text, double minScore)
    {
        var f = await SingleAsync(text, "pii.us_ssn");

        Assert.Equal("US_SSN", f.Entity);
        Assert.True(f.Score >= minScore, $"{f.Score}");
    }

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("900-12-3456")]
    [InlineData("987-65-4321")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    [InlineData("078-05-1120")]
    public async Task UsSsn_InvalidRangesAndVoidedNumbers_AreIgnored(string ssn) => await AssertNoneAsync($"SSN {ssn}", "pii.us_ssn");

    [Fact]
    public async Task UsSsn_BareNineDigitsWithoutContext_IsIgnored() => await AssertNoneAsync("invoice 536221487 paid", "pii.us_ssn");

    [Theory]
    [InlineData("NI number AB 12 34 56 C please")]
    [InlineData("nino: JG103759A")]
    public async Task UkNino_ValidFormat_IsFound(string text) => Assert.Equal("UK_NINO", (await SingleAsync(text, "pii.uk_nino")).Entity);

    [Theory]
    [InlineData("QQ 12 34 56 C")] // Q is never a first letter
    [InlineData("GB 12 34 56 A")] // unissued prefix
    [InlineData("AB 12 34 56 E")] // suffix beyond D
    public async Task UkNino_InvalidLettersOrPrefix_IsIgnored(string nino) => await AssertNoneAsync($"NI number {nino}", "pii.uk_nino");

    [Fact]
    public async Task CaSin_LuhnValid_IsFoundAndContextRaisesScore()
    {
        var sin = WithLuhnDigit("13014592");
        var grouped = $"{sin[..3]} {sin[3..6]} {sin[6..]}";

        var plain = await SingleAsync($"ref {grouped}", "pii.ca_sin");
        var withContext = await SingleAsync($"my SIN is {grouped}", "pii.ca_sin");

        Assert.Equal("CA_SIN", plain.Entity);
        Assert.True(withContext.Score > plain.Score);
    }

    [Fact]
    public async Task CaSin_BadChecksumOrFirstDigit_IsIgnored()
    {
        var sin = WithLuhnDigit("13014592");
        var bad = sin[..^1] + (char)('0' + ((sin[^1] - '0' + 3) % 10));
        await AssertNoneAsync($"SIN {bad[..3]} {bad[3..6]} {bad[6..]}", "pii.ca_sin");

        var eight = WithLuhnDigit("84645428");
        await AssertNoneAsync($"SIN {eight[..3]} {eight[3..6]} {eight[6..]}", "pii.ca_sin");
    }

    [Theory]
    [InlineData("server at 203.0.113.42 is down", "203.0.113.42", 0.8)]
    [InlineData("ssh to 10.0.0.5:22 now", "10.0.0.5", 0.6)]
    [InlineData("gateway 192.168.1.1/24", "192.168.1.1", 0.6)]
    [InlineData("v6 host 2001:db8:85a3::8a2e:370:7334 answered", "2001:db8:85a3::8a2e:370:7334", 0.8)]
    [InlineData("link-local fe80::1ff:fe23:4567:890a%eth0 only", "fe80::1ff:fe23:4567:890a%eth0", 0.6)]
    public async Task IpAddress_IsFound(string text, string ip, double score)
    {
        var f = await SingleAsync(text, "pii.ip_address");

        Assert.Equal(ip, ScannerHarness.SpanText(text, f));
        Assert.Equal(score, f.Score);
        Assert.Equal("IP_ADDRESS", f.Entity);
    }

    [Theory]
    [InlineData("listen on 127.0.0.1 and 0.0.0.0")]
    [InlineData("netmask 255.255.255.0")]
    [InlineData("upgrade to version 1.2.3.4 today")]
    [InlineData("the tuple 1.2.3.4.5 and 999.1.1.1")]
    [InlineData("loopback ::1 and std::vector<int> and a::b")]
    [InlineData("at 12:30:45, mac 00:1a:2b:3c:4d:5e")]
    public async Task IpAddress_LoopbackMasksVersionsAndLookalikes_AreIgnored(string text) => await AssertNoneAsync(text, "pii.ip_address");

    public static TheoryData<string> OrdinaryCode() => new()
    {
        "var started = new DateTime(2024, 1, 15, 9, 30, 0);\nvar timeout = TimeSpan.FromMilliseconds(1500);\nbuilder.WebHost.UseUrls(\"http://localhost:5000\");\n// see RFC 7231 section 6.5.1 and issue #12345",
        "import numpy as np\nx = np.linspace(0, 1, 1000)\nassert version >= (3, 11, 4)\ncolor = '#1a2b3c'\nretries = [100, 200, 400, 800, 1600]\nprint(f\"{total:,.2f} of 1,234,567.89\")",
        "const id = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';\nfetch('https://api.example.com/v2/items?page=3&limit=50');\nsetTimeout(run, 30 * 60 * 1000);\nconst port = 8080; // 0.0.0.0:8080",
        "Release 10.0.100 shipped 2025-11-11; build 20251111.3 passed 1432 of 1432 tests in 12:04 minutes; the 2 GB image is sha256:" + Fake.Hex(64),
        "Meeting notes: revenue grew 12.5 % to 4 300 000 EUR; Q3 target is 5 000 000. Call it a win.",
    };

    [Theory]
    [MemberData(nameof(OrdinaryCode))]
    public async Task OrdinaryCodeAndNumbers_HoldNoPii(string text)
    {
        var findings = await ScannerHarness.ScanAsync(Scanner, text);

        Assert.DoesNotContain(findings, f => f.Score >= 0.5);
    }

    [Fact]
    public async Task PolicyEntities_LimitTheKinds()
    {
        var policy = PolicyLoader.Parse("pii: { entities: [email] }");
        var scanner = new PiiScanner(policy);
        const string text = "mail ops@larkspur.dev or call +1 415 555 2671 from 203.0.113.42";

        var findings = await ScannerHarness.ScanAsync(scanner, text, policy: policy);

        var f = Assert.Single(findings);
        Assert.Equal("pii.email", f.Rule);
    }

    [Fact]
    public void PolicyEntities_UnknownName_FailsAtStartWithEveryName()
    {
        var policy = GuardPolicy.Default with { PiiEntities = ["email", "phnoe", "pasport"] };

        var ex = Assert.Throws<PolicyException>(() => new PiiScanner(policy));

        Assert.Contains("'phnoe'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'pasport'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_RedactsPiiAndRestoresItInALaterOutput()
    {
        var engine = GuardEngine.Create();
        var vault = new RedactionVault();
        const string prompt = "Draft a reply to jane.doe@larkspur.dev and copy +1 415 555 2671; jane.doe@larkspur.dev prefers mail.";

        var input = await engine.ScanAsync(new ScanRequest { Text = prompt, Vault = vault }).AsTask().WaitAsync(ScannerHarness.Timeout);

        Assert.Equal(Verdict.Redact, input.Verdict);
        Assert.Equal("Draft a reply to [EMAIL_1] and copy [PHONE_1]; [EMAIL_1] prefers mail.", input.Text);

        const string completion = "Dear [EMAIL_1], I will call [PHONE_1] tomorrow.";
        Assert.Equal("Dear jane.doe@larkspur.dev, I will call +1 415 555 2671 tomorrow.", vault.Restore(completion));
    }
}
