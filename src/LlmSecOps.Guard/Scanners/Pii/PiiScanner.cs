using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>
/// Finds personal data: e-mail addresses, phone numbers, payment cards (Luhn and issuer prefix),
/// IBANs (country length and mod-97), US social security numbers (issuable ranges), UK National
/// Insurance numbers (letter rules), Canadian social insurance numbers (Luhn), and IPv4/IPv6
/// addresses. Each finding carries an entity label (<c>EMAIL</c>, <c>PHONE</c>, …) so redaction
/// yields <c>[EMAIL_1]</c>. The policy's <c>pii.entities</c> list limits the kinds.
/// </summary>
/// <remarks>
/// Decisions: loopback, unspecified, broadcast and 255.x addresses are skipped (they identify
/// nobody), private ranges are reported at 0.6; a dotted quad right after "version", "release" or
/// "build" is a version, not an address. Phone numbers need a plus, a national shape (NANP
/// 3-3-4, or a trunk 0 with grouped digits) or a word such as "phone" nearby; bare digit runs,
/// dates, versions and prices are not phones. Published test card numbers pass Luhn and are
/// reported like real ones.
/// </remarks>
internal sealed class PiiScanner : Scanner
{
    private const int CardPriority = 0;
    private const int IbanPriority = 1;
    private const int SsnPriority = 2;
    private const int SinPriority = 3;
    private const int NinoPriority = 4;
    private const int EmailPriority = 5;
    private const int IPv4Priority = 6;
    private const int IPv6Priority = 7;
    private const int PhonePriority = 8;

    private static readonly string[] ScannerCategories = [FindingCategories.Pii];
    private static readonly string[] PhoneWords =
    [
        "phone", "tel", "mobile", "cell", "call", "fax", "whatsapp", "sms", "contact", "mob", "telefon", "téléphone",
        "telefono", "teléfono", "телефон", "电话", "電話", "전화", "tlf",
    ];

    private static readonly string[] SsnWords = ["ssn", "social security", "soc sec", "ss#"];
    private static readonly string[] SinWords = ["sin", "social insurance", "nas", "assurance sociale"];
    private static readonly string[] VersionWords = ["version", "release", "build", "ver."];
    private static readonly string[] ReservedDomains = [".example.com", ".example.net", ".example.org", ".example", ".test", ".invalid", ".localhost"];
    private static readonly string[] FileExtensions = ["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js"];

    private readonly PiiScannerOptions _options;
    private readonly IReadOnlyList<string> _policyEntities;
    private readonly PiiKinds _policyKinds;

    public PiiScanner(GuardPolicy policy, PiiScannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _options = options ?? PiiScannerOptions.Default;
        OptionsValidation.ThrowIfInvalid(_options.Validate(), nameof(options));
        _policyEntities = policy.PiiEntities;
        _policyKinds = PiiEntityNames.Resolve(policy.PiiEntities);
    }

    public override string Name => "pii";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        if (text.Length < 6)
        {
            return ScanResult.Empty.AsTask();
        }

        var kinds = KindsFor(context.Policy);
        var hits = new List<RankedHit>();
        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        var timedOut = false;
        try
        {
            if (hasDigit && kinds.HasFlag(PiiKinds.CreditCard))
            {
                Cards(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.Iban))
            {
                Ibans(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.UsSsn))
            {
                Ssns(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.CaSin))
            {
                Sins(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.UkNino))
            {
                Ninos(text, hits);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (kinds.HasFlag(PiiKinds.Email) && text.Contains('@'))
            {
                Emails(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.IpAddress))
            {
                Ips(text, hits);
            }

            if (hasDigit && kinds.HasFlag(PiiKinds.Phone))
            {
                Phones(text, hits);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
        }

        var findings = hits.Count > 0 ? RankedHit.SelectNonOverlapping(hits) : null;
        if (timedOut)
        {
            (findings ??= []).Add(new Finding
            {
                Category = FindingCategories.Pii,
                Rule = "pii.scan_timeout",
                Score = 1.0,
                Severity = Severity.High,
                Message = "PII scanning timed out; the text could not be cleared",
            });
        }

        return ScanResult.From(findings).AsTask();
    }

    private PiiKinds KindsFor(GuardPolicy policy)
    {
        if (ReferenceEquals(policy.PiiEntities, _policyEntities))
        {
            return _policyKinds;
        }

        try
        {
            return PiiEntityNames.Resolve(policy.PiiEntities);
        }
        catch (PolicyException)
        {
            // A policy swapped in after start-up with a bad list: scan everything rather than nothing.
            return PiiKinds.All;
        }
    }

    private bool Full(List<RankedHit> hits) => hits.Count >= _options.MaxFindings;

    private void Cards(string text, List<RankedHit> hits)
    {
        Span<char> digits = stackalloc char[19];
        for (var m = PiiPatterns.CardNumber().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            var value = m.ValueSpan;
            var n = PiiChecks.Digits(value, digits);
            if (n is < 13 or > 19 || !CardGrouping(value) || AllSame(digits[..n]) || !PiiChecks.Luhn(digits[..n]) ||
                PiiChecks.CardNetwork(digits[..n]) is not { } network)
            {
                continue;
            }

            Add(hits, CardPriority, m.Index, m.Length, "credit_card", "CREDIT_CARD", value.Length == n ? 0.9 : 0.95, Severity.High,
                $"payment card number ({network}, Luhn-valid)", Masking.LastDigits(digits[..n]));
        }
    }

    private void Ibans(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.Iban().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            if (!PiiChecks.Iban(m.ValueSpan))
            {
                continue;
            }

            var compact = m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            Add(hits, IbanPriority, m.Index, m.Length, "iban", "IBAN", 0.95, Severity.High,
                "IBAN (checksum valid)", string.Concat(compact.AsSpan(0, 2).ToString().ToUpperInvariant(), Masking.LastDigits(compact)));
        }
    }

    private void Ssns(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.UsSsn().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            if (!PiiChecks.UsSsn(m.Groups["a"].ValueSpan, m.Groups["g"].ValueSpan, m.Groups["s"].ValueSpan))
            {
                continue;
            }

            var sep = m.Groups["sep"].ValueSpan;
            var context = HasContext(text, m.Index, SsnWords);
            var score = context ? 0.95 : sep is "-" ? 0.85 : sep is " " ? 0.6 : 0;
            if (score > 0)
            {
                Add(hits, SsnPriority, m.Index, m.Length, "us_ssn", "US_SSN", score, Severity.High,
                    "US social security number", "\u2026" + m.Groups["s"].Value);
            }
        }
    }

    private void Sins(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.CaSin().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            if (!PiiChecks.CaSin(m.ValueSpan))
            {
                continue;
            }

            var score = HasContext(text, m.Index, SinWords, wholeWords: true) ? 0.9 : 0.6;
            Add(hits, SinPriority, m.Index, m.Length, "ca_sin", "CA_SIN", score, Severity.High,
                "Canadian social insurance number (Luhn-valid)", Masking.LastDigits(m.ValueSpan, 3));
        }
    }

    private void Ninos(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.UkNino().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            if (PiiChecks.UkNino(m.ValueSpan))
            {
                Add(hits, NinoPriority, m.Index, m.Length, "uk_nino", "UK_NINO", 0.85, Severity.High,
                    "UK National Insurance number", Masking.Mask(m.ValueSpan));
            }
        }
    }

    private void Emails(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.Email().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            var at = m.Index;
            var start = at;
            while (start > 0 && at - start < 65 && IsLocalPartChar(text[start - 1]))
            {
                start--;
            }

            // Longer than 64, or glued to more local-part characters: not an address we can delimit.
            if (at - start > 64 || (start > 0 && IsLocalPartChar(text[start - 1])))
            {
                continue;
            }

            while (start < at && !char.IsAsciiLetterOrDigit(text[start]))
            {
                start++;
            }

            var end = m.Index + m.Length;
            var domain = m.ValueSpan;
            var tld = domain[(domain.LastIndexOf('.') + 1)..];

            // icon@2x.png is a file; git@host:repo is an SSH address; scheme://user:pass@host is a
            // URL's user info (the secrets scanner judges the password).
            if (start == at || IsFileExtension(tld) || (end < text.Length && text[end] == ':') || IsUrlUserInfo(text, start))
            {
                continue;
            }

            // Domains reserved for documentation (RFC 2606, RFC 6761) belong to nobody: code
            // samples and tests use them, so they are scored under the default threshold.
            var reserved = IsReservedDomain(domain[1..]);
            Add(hits, EmailPriority, start, end - start, "email", "EMAIL", reserved ? 0.3 : 0.95, reserved ? Severity.Info : Severity.Medium,
                reserved ? "e-mail address at a reserved example domain" : "e-mail address", string.Concat(text.AsSpan(start, 1), "\u2026", domain));
        }
    }

    private static bool IsReservedDomain(ReadOnlySpan<char> domain)
    {
        foreach (var suffix in ReservedDomains)
        {
            if (domain.Equals(suffix.AsSpan(1), StringComparison.OrdinalIgnoreCase) || domain.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUrlUserInfo(string text, int localStart)
    {
        var from = Math.Max(0, localStart - 256);
        var before = text.AsSpan(from, localStart - from);
        var scheme = before.LastIndexOf("://", StringComparison.Ordinal);
        return scheme >= 0 && before[(scheme + 3)..].IndexOfAny(" \t\r\n/@") < 0;
    }

    private static bool IsLocalPartChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private void Ips(string text, List<RankedHit> hits)
    {
        if (text.Contains('.'))
        {
            for (var m = PiiPatterns.IPv4().Match(text); m.Success && !Full(hits); m = m.NextMatch())
            {
                var score = PiiChecks.IPv4Score(m.ValueSpan);
                if (score <= 0 || (score < 0.8 && !_options.ReportPrivateAddresses) || HasContext(text, m.Index, VersionWords, window: 16))
                {
                    continue;
                }

                var lastDot = m.ValueSpan.LastIndexOf('.');
                Add(hits, IPv4Priority, m.Index, m.Length, "ip_address", "IP_ADDRESS", score, Severity.Low,
                    score < 0.8 ? "private IPv4 address" : "IPv4 address", string.Concat(m.ValueSpan[..(lastDot + 1)], "\u2026"));
            }
        }

        if (MayHoldIPv6(text))
        {
            for (var m = PiiPatterns.IPv6().Match(text); m.Success && !Full(hits); m = m.NextMatch())
            {
                var score = PiiChecks.IPv6Score(m.ValueSpan);
                if (score <= 0 || (score < 0.8 && !_options.ReportPrivateAddresses))
                {
                    continue;
                }

                Add(hits, IPv6Priority, m.Index, m.Length, "ip_address", "IP_ADDRESS", score, Severity.Low,
                    "IPv6 address", Masking.Mask(m.ValueSpan));
            }
        }
    }

    // Most colons in text are not in addresses (times, labels, URLs); the IPv6 pattern only runs when
    // some colon sits between hex digits or next to another colon.
    private static bool MayHoldIPv6(string text)
    {
        var from = 0;
        while (from < text.Length)
        {
            var i = text.IndexOf(':', from);
            if (i < 0)
            {
                return false;
            }

            var before = i > 0 ? text[i - 1] : ' ';
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            if ((char.IsAsciiHexDigit(before) || before == ':') && (char.IsAsciiHexDigit(after) || after == ':'))
            {
                return true;
            }

            from = i + 1;
        }

        return false;
    }

    private void Phones(string text, List<RankedHit> hits)
    {
        for (var m = PiiPatterns.PhoneCandidate().Match(text); m.Success && !Full(hits); m = m.NextMatch())
        {
            if (m.Length < 7)
            {
                continue;
            }

            var score = PhoneScore(text, m);
            if (score > 0)
            {
                Add(hits, PhonePriority, m.Index, m.Length, "phone", "PHONE", score, Severity.Medium,
                    "phone number", Masking.Mask(m.ValueSpan));
            }
        }
    }

    private double PhoneScore(string text, Match m)
    {
        var value = m.ValueSpan;
        Span<int> groups = stackalloc int[8];
        var groupCount = 0;
        var digits = 0;
        var run = 0;
        var dots = false;
        var dashes = false;
        var spaces = false;
        var open = 0;
        var close = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                run++;
                continue;
            }

            if (run > 0)
            {
                if (groupCount == groups.Length)
                {
                    return 0;
                }

                groups[groupCount++] = run;
                run = 0;
            }

            dots |= c == '.';
            dashes |= c == '-';
            spaces |= c == ' ';
            open += c == '(' ? 1 : 0;
            close += c == ')' ? 1 : 0;
        }

        if (run > 0)
        {
            if (groupCount == groups.Length)
            {
                return 0;
            }

            groups[groupCount++] = run;
        }

        var g = groups[..groupCount];
        var plus = value[0] == '+';
        if (digits is < 7 or > 15 || open != close || open > 1)
        {
            return 0;
        }

        // Single digits scattered with separators are lists or arithmetic, not phone numbers; the
        // one exception is the digit after a country code (+33 1 23 45 67 89).
        for (var i = 1; i < g.Length; i++)
        {
            if (g[i] < 2 && !(plus && i == 1))
            {
                return 0;
            }
        }

        if (plus)
        {
            return digits >= 8 ? 0.9 : 0;
        }

        if (LooksLikeDate(g) || (dots && !spaces && !dashes && value[0] != '0' && MaxOf(g) <= 3))
        {
            return 0;
        }

        if (g.Length == 1)
        {
            return HasContext(text, m.Index, PhoneWords) ? 0.65 : 0;
        }

        // North American numbering plan: area code and exchange start with 2–9.
        var nanp = (g.Length == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4 && value[value[0] == '(' ? 1 : 0] >= '2') ||
                   (g.Length == 4 && g[0] == 1 && value[0] == '1' && g[1] == 3 && g[2] == 3 && g[3] == 4);
        if (nanp)
        {
            return 0.85;
        }

        if (value[0] == '0' && digits is >= 9 and <= 12 && !dots && MinOf(g) >= 2)
        {
            return 0.75;
        }

        return HasContext(text, m.Index, PhoneWords) ? 0.7 : 0;
    }

    private static bool LooksLikeDate(ReadOnlySpan<int> g) =>
        g.Length == 3 && ((g[0] == 4 && g[1] <= 2 && g[2] <= 2) || (g[0] <= 2 && g[1] <= 2 && g[2] is 2 or 4));

    private static int MaxOf(ReadOnlySpan<int> g)
    {
        var max = 0;
        foreach (var v in g)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static int MinOf(ReadOnlySpan<int> g)
    {
        var min = int.MaxValue;
        foreach (var v in g)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    // Card digits come in groups of four (the last may be shorter), or 4-6-5 / 4-6-4 for Amex and
    // Diners, with one kind of separator; anything else is a different kind of number.
    private static bool CardGrouping(ReadOnlySpan<char> value)
    {
        var sep = '\0';
        Span<int> groups = stackalloc int[20];
        var count = 0;
        var run = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                run++;
                continue;
            }

            if (sep != '\0' && c != sep)
            {
                return false;
            }

            sep = c;
            groups[count++] = run;
            run = 0;
        }

        groups[count++] = run;
        if (count == 1)
        {
            return true;
        }

        var g = groups[..count];
        if (g.Length == 3 && g[0] == 4 && g[1] == 6 && g[2] is 4 or 5)
        {
            return true;
        }

        for (var i = 0; i < g.Length - 1; i++)
        {
            if (g[i] != 4)
            {
                return false;
            }
        }

        return g[^1] is >= 1 and <= 4;
    }

    private static bool AllSame(ReadOnlySpan<char> digits) => digits.IndexOfAnyExcept(digits[0]) < 0;

    private static bool IsFileExtension(ReadOnlySpan<char> tld)
    {
        foreach (var ext in FileExtensions)
        {
            if (tld.Equals(ext, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasContext(string text, int index, string[] words, bool wholeWords = false, int window = -1)
    {
        if (window < 0)
        {
            window = _options.ContextWindow;
        }

        var start = Math.Max(0, index - window);
        var before = text.AsSpan(start, index - start);
        foreach (var word in words)
        {
            var from = 0;
            while (from < before.Length)
            {
                var at = before[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                at += from;
                var end = at + word.Length;
                if (!wholeWords || ((at == 0 || !char.IsLetter(before[at - 1])) && (end >= before.Length || !char.IsLetter(before[end]))))
                {
                    return true;
                }

                from = at + 1;
            }
        }

        return false;
    }

    private static void Add(List<RankedHit> hits, int priority, int start, int length, string kind, string entity, double score,
        Severity severity, string message, string evidence)
    {
        var span = new TextSpan(start, length);
        hits.Add(new RankedHit(priority, span, new Finding
        {
            Category = FindingCategories.Pii,
            Rule = "pii." + kind,
            Score = score,
            Severity = severity,
            Span = span,
            Message = message,
            Evidence = evidence,
            Entity = entity,
        }));
    }
}
