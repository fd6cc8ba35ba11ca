namespace Weft.Proxy.Runtime;

/// <summary>The outcome of applying a snapshot: null Error means it is live.</summary>
public sealed record ApplyResult(string Version, string? Error)
{
    public bool Ok => Error is null;
}
