namespace Weft.ControlPlane.Ca;

/// <summary>A certificate request whose credential (bootstrap token or client certificate) does not prove an identity: 401.</summary>
public sealed class CaAuthenticationException : Exception
{
    public CaAuthenticationException()
    {
    }

    public CaAuthenticationException(string message) : base(message)
    {
    }

    public CaAuthenticationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
