namespace Weft.Discovery.Snapshot;

/// <summary>One header name and value (names are compared case-insensitively).</summary>
public sealed record HeaderValue(string Name, string Value);
