
namespace Weft.ControlPlane.Resources;

public sealed partial class ResourceService
{
    [LoggerMessage(1201, LogLevel.Information, "Applied a batch of {Count} objects: {Created} created, {Configured} configured, {Unchanged} unchanged, at revision {Revision}")]
    private static partial void LogApplied(ILogger log, int count, int created, int configured, int unchanged, long revision);

    [LoggerMessage(1202, LogLevel.Information, "Refused a batch apply with {Code} {Reason}: {Message}")]
    private static partial void LogApplyRefused(ILogger log, int code, string reason, string message);

    [LoggerMessage(1203, LogLevel.Information, "Refused a write of {Resource} \"{Name}\" with {Code} {Reason}: {Message}")]
    private static partial void LogRefused(ILogger log, int code, string reason, string resource, string name, string message);

    [LoggerMessage(1204, LogLevel.Debug, "{Action} {Resource} {Namespace}/{Name} at revision {Revision}")]
    private static partial void LogWritten(ILogger log, string action, string resource, string @namespace, string name, long revision);
}
