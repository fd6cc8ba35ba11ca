using System.Collections.Frozen;
using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>Fault injection: a delay and/or an abort, each for a percentage of requests.</summary>
internal static class HttpFaultRules
{
    /// <summary>gRPC status names an abort may use.</summary>
    public static readonly FrozenSet<string> GrpcStatuses = new[]
    {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static void Check(ErrorList errors, string path, HttpFaultInjection? fault)
    {
        if (fault is null)
            return;
        if (fault.Abort is null && fault.Delay is null)
            errors.Required(path, "HTTP fault injection must have an abort and/or a delay");
        Abort(errors, FieldPath.Child(path, "abort"), fault.Abort);
        Delay(errors, FieldPath.Child(path, "delay"), fault.Delay);
    }

    private static void Abort(ErrorList errors, string path, FaultAbort? abort)
    {
        if (abort is null)
            return;
        errors.Add(Percentage(FieldPath.Child(path, "percentage.value"), abort.Percentage));
        var set = new[] { ("httpStatus", abort.HttpStatus is not null), ("grpcStatus", abort.GrpcStatus is not null), ("http2Error", abort.Http2Error is not null) }
            .Where(f => f.Item2).Select(f => f.Item1).ToList();
        if (set.Count > 1)
        {
            errors.Add(Crd.OneOf(path, $"only one of httpStatus, grpcStatus or http2Error may be set, found {string.Join(" and ", set)}"));
            return;
        }
        if (abort.HttpStatus is { } status && status is < 200 or > 600)
            errors.Invalid(FieldPath.Child(path, "httpStatus"), status, $"HTTP status {status} is not in range 200-599");
        if (abort.GrpcStatus is { } grpc && !GrpcStatuses.Contains(grpc))
            errors.Invalid(FieldPath.Child(path, "grpcStatus"), grpc,
                $"gRPC status \"{grpc}\" is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'");
        if (abort.Http2Error is not null)
            errors.Forbidden(FieldPath.Child(path, "http2Error"), "HTTP/2 abort fault injection not supported yet");
    }

    private static void Delay(ErrorList errors, string path, FaultDelay? delay)
    {
        if (delay is null)
            return;
        errors.Add(Percentage(FieldPath.Child(path, "percentage.value"), delay.Percentage));
        if (delay.FixedDelay is not null && delay.ExponentialDelay is not null)
        {
            errors.Add(Crd.OneOf(path, "only one of fixedDelay or exponentialDelay may be set"));
            return;
        }
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "fixedDelay"), delay.FixedDelay));
        if (delay.ExponentialDelay is not null)
        {
            errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "exponentialDelay"), delay.ExponentialDelay));
            errors.Forbidden(FieldPath.Child(path, "exponentialDelay"), "exponentialDelay not supported yet");
        }
    }

    /// <summary>0, or 0.0001..100 (Envoy's fractional percent has a millionth's resolution).</summary>
    private static FieldError? Percentage(string path, Percent? percentage) =>
        percentage?.Value is { } v && (v < 0 || v > 100 || (v > 0 && v < 0.0001))
            ? FieldError.Invalid(path, v, $"percentage {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is neither 0.0, nor in range [0.0001, 100.0]")
            : null;
}
