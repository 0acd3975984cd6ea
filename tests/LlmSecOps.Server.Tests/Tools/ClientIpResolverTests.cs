using System.Net;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Primitives;

namespace LlmSecOps.Server.Tests.Tools;

public sealed class ClientIpResolverTests
{
    private static ClientIpResolver Resolver(params string[] trusted) =>
        new([.. trusted.Select(t => { Assert.True(GatewayConfigLoader.TryParseNetwork(t, out var n)); return n; })]);

    [Theory]
    [InlineData("10.0.0.5", "198.51.100.1", "198.51.100.1")]
    [InlineData("10.0.0.5", "1.1.1.1, 198.51.100.1, 10.0.0.9", "198.51.100.1")]
    [InlineData("10.0.0.5", "10.0.0.7, 10.0.0.9", "10.0.0.7")]
    [InlineData("10.0.0.5", "garbage, 10.0.0.9", "10.0.0.9")]
    [InlineData("10.0.0.5", "[2001:db8::1]:4711", "2001:db8::1")]
    [InlineData("10.0.0.5", "203.0.113.4:5555", "203.0.113.4")]
    [InlineData("192.0.2.50", "198.51.100.1", "192.0.2.50")]
    public void Resolve_WalksRightToLeftThroughTrustedHops(string peer, string header, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), Resolver("10.0.0.0/8").Resolve(IPAddress.Parse(peer), new StringValues(header)));

    [Fact]
    public void Resolve_MappedIPv6Peer_IsTreatedAsIPv4() =>
        Assert.Equal(IPAddress.Parse("198.51.100.1"), Resolver("127.0.0.1").Resolve(IPAddress.Parse("::ffff:127.0.0.1"), new StringValues("198.51.100.1")));

    [Fact]
    public void Resolve_SeveralHeaderLines_AreOneChain() =>
        Assert.Equal(IPAddress.Parse("198.51.100.2"), Resolver("10.0.0.0/8").Resolve(IPAddress.Parse("10.0.0.1"), new StringValues(["198.51.100.1", "198.51.100.2, 10.0.0.3"])));
}
