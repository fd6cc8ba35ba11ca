using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// A snapshot with the hash of its content (everything but the version), computed once by the
/// source that built it, so the server compares hashes on every wake-up without encoding the
/// snapshot again. Equal hashes mean the proxy would be configured identically.
/// </summary>
public sealed record HashedSnapshot(ProxySnapshot Snapshot, string Hash);
