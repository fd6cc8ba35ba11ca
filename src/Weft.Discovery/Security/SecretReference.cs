namespace Weft.Discovery.Security;

/// <summary>
/// A TLS credential a listener or cluster needs, named and never carried (istiod's SDS resource
/// name): the proxy fetches its keys from the control plane's secret endpoint
/// (<see cref="SecretProtocol"/>) over its authenticated connection. <see cref="Version"/> is the
/// Secret's resourceVersion: when it changes the proxy fetches the secret again, so a rotated
/// certificate reaches new handshakes while existing connections keep theirs.
/// </summary>
public sealed record SecretReference
{
    /// <summary>The Secret as <c>namespace/name</c>.</summary>
    public required string Name { get; init; }

    public string Version { get; init; } = "";
}
