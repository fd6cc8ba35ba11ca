namespace Weft.Identity.Ca;

/// <summary>The CA cannot be loaded (plugged-in files, or the stored state); <see cref="Problems"/> lists every reason.</summary>
public sealed class CaLoadException : Exception
{
    public CaLoadException()
    {
        Problems = [];
    }

    public CaLoadException(string message) : base(message)
    {
        Problems = [message];
    }

    public CaLoadException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    public CaLoadException(string where, IReadOnlyList<string> problems)
        : base($"cannot use the CA in {where}: {string.Join("; ", problems)}")
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
