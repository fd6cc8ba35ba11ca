namespace Weft.Identity.Bootstrap;

/// <summary>A presented bootstrap token does not authenticate; the message says why without revealing the secret.</summary>
public sealed class BootstrapRefusedException : Exception
{
    public BootstrapRefusedException()
    {
    }

    public BootstrapRefusedException(string message) : base(message)
    {
    }

    public BootstrapRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
