namespace Weft.Proxy.Admin;

/// <summary>One admin endpoint as Envoy documents them: path, help text, and whether it mutates (POST only).</summary>
public sealed record AdminEndpoint(string Path, string Help, bool Mutates, string? Parameters = null);
