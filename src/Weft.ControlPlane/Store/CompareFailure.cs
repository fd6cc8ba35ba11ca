namespace Weft.ControlPlane.Store;

/// <summary>A compare that did not hold: what the caller expected and what the store has (0: absent).</summary>
public sealed record CompareFailure(string Key, long Expected, long Actual);
