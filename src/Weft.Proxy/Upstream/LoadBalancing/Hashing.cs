namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>64-bit FNV-1a with a splitmix64 finalizer: cheap, allocation free, well spread for rings.</summary>
public static class Hashing
{
    public static ulong Hash(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
