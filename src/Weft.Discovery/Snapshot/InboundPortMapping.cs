namespace Weft.Discovery.Snapshot;

/// <summary>
/// One workload port the sidecar owns: it binds <c>Address:Port</c> and hands what arrives to the
/// application at <see cref="AppAddress"/>:<see cref="AppPort"/>.
/// </summary>
public sealed record InboundPortMapping(int Port, string AppAddress, int AppPort);
