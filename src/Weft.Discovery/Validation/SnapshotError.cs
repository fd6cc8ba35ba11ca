namespace Weft.Discovery.Validation;

/// <summary>One problem in a snapshot: where (a JSON-path-like field path) and why.</summary>
public readonly record struct SnapshotError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
