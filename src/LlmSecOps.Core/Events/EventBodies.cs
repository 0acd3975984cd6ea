using System.Security.Cryptography;
using System.Text;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Core.Events;

/// <summary>
/// Applies a <see cref="BodyRetention"/> to a request or response body before it goes into an
/// <see cref="LlmEvent"/>, so every producer (gateway, scan, probe) keeps bodies the same way.
/// </summary>
public static class EventBodies
{
    /// <summary>
    /// The body as kept: verbatim for <see cref="BodyRetention.Full"/>, the lower-case hex SHA-256
    /// of its UTF-8 bytes for <see cref="BodyRetention.Hash"/>, null for <see cref="BodyRetention.Drop"/>.
    /// A null body stays null.
    /// </summary>
    public static string? Retain(string? body, BodyRetention retention)
    {
        if (body is null)
        {
            return null;
        }

        return retention switch
        {
            BodyRetention.Full => body,
            BodyRetention.Hash => Sha256Hex(body),
            _ => null,
        };
    }

    /// <summary>The name stored in <see cref="LlmEvent.Retention"/>: <c>full</c>, <c>hash</c> or <c>drop</c>.</summary>
    public static string Name(BodyRetention retention) => retention switch
    {
        BodyRetention.Full => "full",
        BodyRetention.Hash => "hash",
        _ => "drop",
    };

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
