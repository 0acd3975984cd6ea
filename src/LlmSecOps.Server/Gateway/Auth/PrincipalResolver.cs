using System.Security.Cryptography;
using System.Text;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmSecOps.Server.Gateway.Auth;

/// <summary>
/// Turns the bearer key of a request into a principal: the key is hashed with SHA-256 and the hash
/// compared with every configured hash in constant time, so neither the key nor which entry almost
/// matched leaks through timing.
/// </summary>
internal sealed class PrincipalResolver
{
    private const int MaxKeyLength = 512;
    private readonly ClientKey[] _keys;
    private readonly bool _allowAnonymous;
    private readonly IReadOnlyList<string> _anonymousRoles;
    private readonly ClientIpResolver _ip;

    /// <summary>Creates the resolver from the gateway options.</summary>
    public PrincipalResolver(GatewayOptions options)
    {
        _keys = [.. options.ClientKeys];
        _allowAnonymous = options.AllowAnonymous;
        _anonymousRoles = options.AnonymousRoles;
        _ip = new ClientIpResolver(options.TrustedProxies);
    }

    /// <summary>Authenticates a request.</summary>
    public (AuthOutcome Outcome, Principal Principal) Resolve(HttpContext context)
    {
        var ip = _ip.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"])?.ToString();
        var key = BearerKey(context.Request.Headers[HeaderNames.Authorization].ToString());
        if (key is null)
        {
            var anonymous = new Principal { ClientIp = ip, Roles = _anonymousRoles };
            return (_allowAnonymous ? AuthOutcome.Ok : AuthOutcome.Missing, anonymous);
        }

        var match = Find(key);
        if (match is null)
        {
            return (AuthOutcome.Invalid, new Principal { ClientIp = ip });
        }

        return (AuthOutcome.Ok, new Principal
        {
            UserId = match.User,
            Roles = match.Roles,
            Tenant = match.Tenant,
            ClientIp = ip,
            ApiKeyId = match.Id,
        });
    }

    /// <summary>The SHA-256 of a key as lower-case hex, for writing configuration files.</summary>
    public static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private ClientKey? Find(string key)
    {
        if (key.Length > MaxKeyLength)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(key);
        SHA256.HashData(bytes, hash);
        ClientKey? found = null;
        foreach (var k in _keys)
        {
            // Every entry is compared, so the time does not depend on where the match is.
            if (CryptographicOperations.FixedTimeEquals(hash, k.Sha256) && found is null)
            {
                found = k;
            }
        }

        return found;
    }

    private static string? BearerKey(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return header.Trim();
        }

        var key = header[Prefix.Length..].Trim();
        return key.Length == 0 ? null : key;
    }
}
