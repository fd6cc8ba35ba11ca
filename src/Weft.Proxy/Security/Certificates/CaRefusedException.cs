namespace Weft.Proxy.Security.Certificates;

/// <summary>
/// The control plane answered and said no (401: the token or certificate does not prove an
/// identity; 403: the CSR asks for what the credential does not prove). Retrying the same
/// request cannot help, unlike a control plane that is down.
/// </summary>
public sealed class CaRefusedException : Exception
{
    public CaRefusedException()
    {
    }

    public CaRefusedException(string message) : base(message)
    {
    }

    public CaRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CaRefusedException(int status, string message) : base(message) => Status = status;

    public int Status { get; }
}
