using System.Net;
using Microsoft.Extensions.Primitives;

namespace LlmSecOps.Server.Gateway.Auth;

/// <summary>
/// The client address: the socket peer, or — only when the peer is a trusted proxy — the
/// nearest untrusted address in X-Forwarded-For, walking the chain from the right (each proxy
/// appends the address it saw, so only the right-hand entries written by trusted hops can be believed).
/// </summary>
internal sealed class ClientIpResolver(IReadOnlyList<IPNetwork> trustedProxies)
{
    /// <summary>Most entries of X-Forwarded-For considered.</summary>
    public const int MaxHops = 32;

    /// <summary>Resolves the client address.</summary>
    public IPAddress? Resolve(IPAddress? peer, StringValues forwardedFor)
    {
        peer = Canonical(peer);
        if (peer is null || trustedProxies.Count == 0 || forwardedFor.Count == 0 || !IsTrusted(peer))
        {
            return peer;
        }

        // Gather entries of every header instance, in order, then walk right to left.
        var entries = new List<string>();
        foreach (var header in forwardedFor)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                entries.Add(part);
            }
        }

        var current = peer;
        var steps = 0;
        for (var i = entries.Count - 1; i >= 0 && steps < MaxHops; i--, steps++)
        {
            if (!TryParseEntry(entries[i], out var address))
            {
                // Garbage in the chain: the last address we could trust is the best answer.
                return current;
            }

            current = address;
            if (!IsTrusted(address))
            {
                return address;
            }
        }

        return current;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var n in trustedProxies)
        {
            if (n.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress? Canonical(IPAddress? a) =>
        a is not null && a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private static bool TryParseEntry(string entry, out IPAddress address)
    {
        var s = entry.AsSpan().Trim();
        // Accept "[v6]:port", "v4:port" and bare addresses.
        if (s.Length > 0 && s[0] == '[')
        {
            var close = s.IndexOf(']');
            if (close > 0)
            {
                s = s[1..close];
            }
        }
        else if (s.Count(':') == 1)
        {
            s = s[..s.IndexOf(':')];
        }

        if (IPAddress.TryParse(s, out var parsed))
        {
            address = Canonical(parsed)!;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
