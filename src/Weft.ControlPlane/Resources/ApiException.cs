namespace Weft.ControlPlane.Resources;

/// <summary>A request the resource layer refuses; the status says why, and the HTTP layer sends it as is.</summary>
public sealed class ApiException : Exception
{
    public ApiException(ApiStatus status) : base(status.Message) => Status = status;

    public ApiException() : this(ApiStatus.InternalError("unknown error"))
    {
    }

    public ApiException(string message) : this(ApiStatus.InternalError(message))
    {
    }

    public ApiException(string message, Exception innerException) : base(message, innerException) =>
        Status = ApiStatus.InternalError(message);

    public ApiStatus Status { get; }
}
