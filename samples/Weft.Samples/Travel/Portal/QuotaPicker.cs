namespace Weft.Samples.Travel.Portal;

/// <summary>
/// Picks one option of a request dimension (device, user or travel type) so that each round of
/// <c>sum(shares)</c> picks gives every option exactly its share. The caller names a preferred
/// option (it rotates with the request count), so a round interleaves the options instead of
/// sending all of one first. Not thread-safe: <see cref="PortalState"/> holds its lock.
/// </summary>
internal sealed class QuotaPicker
{
    private int[] _shares;
    private readonly int[] _left;

    public QuotaPicker(params int[] shares)
    {
        _shares = shares;
        _left = (int[])shares.Clone();
    }

    public int Options => _shares.Length;

    /// <summary>New shares; the round starts over.</summary>
    public void Reset(params int[] shares)
    {
        _shares = shares;
        Array.Copy(shares, _left, shares.Length);
    }

    public int Pick(int preferred)
    {
        if (Empty())
            Array.Copy(_shares, _left, _shares.Length);
        for (var k = 0; k < _left.Length; k++)
        {
            var i = (preferred + k) % _left.Length;
            if (_left[i] > 0)
            {
                _left[i]--;
                return i;
            }
        }
        // Every share is 0: the settings forbid that, but a pick must still answer.
        return preferred % _left.Length;
    }

    private bool Empty()
    {
        foreach (var n in _left)
            if (n > 0)
                return false;
        return true;
    }
}
