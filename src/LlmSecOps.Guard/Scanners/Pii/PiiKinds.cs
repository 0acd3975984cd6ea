namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>The kinds of personal data the PII scanner knows.</summary>
[Flags]
internal enum PiiKinds
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>E-mail addresses.</summary>
    Email = 1 << 0,

    /// <summary>Telephone numbers.</summary>
    Phone = 1 << 1,

    /// <summary>Payment card numbers.</summary>
    CreditCard = 1 << 2,

    /// <summary>International bank account numbers.</summary>
    Iban = 1 << 3,

    /// <summary>US social security numbers.</summary>
    UsSsn = 1 << 4,

    /// <summary>UK National Insurance numbers.</summary>
    UkNino = 1 << 5,

    /// <summary>Canadian social insurance numbers.</summary>
    CaSin = 1 << 6,

    /// <summary>IPv4 and IPv6 addresses.</summary>
    IpAddress = 1 << 7,

    /// <summary>Every kind.</summary>
    All = Email | Phone | CreditCard | Iban | UsSsn | UkNino | CaSin | IpAddress,
}
