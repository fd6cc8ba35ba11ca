namespace Weft.Identity.Ca;

/// <summary>A certificate signing request the CA will not sign; <see cref="Reasons"/> lists every problem.</summary>
public sealed class CsrRefusedException : Exception
{
    public CsrRefusedException()
    {
        Reasons = [];
    }

    public CsrRefusedException(string message) : base(message)
    {
        Reasons = [message];
    }

    public CsrRefusedException(string message, Exception innerException) : base(message, innerException)
    {
        Reasons = [message];
    }

    public CsrRefusedException(IReadOnlyList<string> reasons)
        : base("the certificate signing request is refused: " + string.Join("; ", reasons))
    {
        Reasons = reasons;
    }

    public IReadOnlyList<string> Reasons { get; }
}
