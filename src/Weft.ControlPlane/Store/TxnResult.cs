namespace Weft.ControlPlane.Store;

/// <summary>The outcome of a transaction.</summary>
/// <param name="Succeeded">Whether every compare held (and so every operation was applied).</param>
/// <param name="Revision">The revision of the change, or the store's revision when nothing was written.</param>
/// <param name="Failed">The compares that did not hold (empty on success).</param>
/// <param name="Changed">Whether anything was written (false for deletions of absent keys only).</param>
public sealed record TxnResult(bool Succeeded, long Revision, IReadOnlyList<CompareFailure> Failed, bool Changed);
