namespace Weft.ControlPlane.Store;

/// <summary>The keys of a range read and the revision they were read at.</summary>
public sealed record RangeResult(IReadOnlyList<KeyValue> Items, long Revision);
