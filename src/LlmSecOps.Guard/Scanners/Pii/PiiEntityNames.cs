using LlmSecOps.Core.Policy;

namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>Maps the entity names a policy lists under <c>pii.entities</c> to <see cref="PiiKinds"/>.</summary>
internal static class PiiEntityNames
{
    /// <summary>The canonical names, as policies and rule ids spell them.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["email", "phone", "credit_card", "iban", "us_ssn", "uk_nino", "ca_sin", "ip_address"];

    /// <summary>
    /// The kinds a list switches on; an empty list means every kind. Unknown names are a policy
    /// error, reported all together, because a misspelt name would silently switch a kind off.
    /// </summary>
    public static PiiKinds Resolve(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return PiiKinds.All;
        }

        var kinds = PiiKinds.None;
        List<string>? unknown = null;
        foreach (var name in names)
        {
            var kind = Parse(name);
            if (kind == PiiKinds.None)
            {
                (unknown ??= []).Add(name);
            }

            kinds |= kind;
        }

        if (unknown is not null)
        {
            throw new PolicyException(
                $"pii.entities: unknown {(unknown.Count == 1 ? "entity" : "entities")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected any of: {string.Join(", ", All)}");
        }

        return kinds;
    }

    private static PiiKinds Parse(string name) =>
        name.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "email" or "email_address" or "e_mail" => PiiKinds.Email,
            "phone" or "phone_number" or "telephone" => PiiKinds.Phone,
            "credit_card" or "card" or "payment_card" or "card_number" => PiiKinds.CreditCard,
            "iban" or "bank_account" => PiiKinds.Iban,
            "us_ssn" or "ssn" => PiiKinds.UsSsn,
            "uk_nino" or "nino" or "national_insurance" => PiiKinds.UkNino,
            "ca_sin" or "sin" => PiiKinds.CaSin,
            "ip_address" or "ip" or "ipv4" or "ipv6" => PiiKinds.IpAddress,
            "national_id" => PiiKinds.UsSsn | PiiKinds.UkNino | PiiKinds.CaSin,
            _ => PiiKinds.None,
        };
}
