namespace Ledger.Simulators.InPost;

/// <summary>ShipX shipment statuses, happy path first.</summary>
public static class ShipXStatuses
{
    public const string Created = "created";
    public const string OffersPrepared = "offers_prepared";
    public const string Confirmed = "confirmed";
    public const string Canceled = "canceled";

    /// <summary>From <c>confirmed</c> to <c>delivered</c>, as a locker parcel normally travels.</summary>
    public static readonly IReadOnlyList<string> HappyPath =
    [
        "created", "offers_prepared", "offer_selected", "confirmed", "dispatched_by_sender", "adopted_at_source_branch",
        "sent_from_source_branch", "adopted_at_sorting_center", "sent_from_sorting_center", "adopted_at_target_branch",
        "out_for_delivery", "ready_to_pickup", "pickup_reminder_sent", "delivered",
    ];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(HappyPath, StringComparer.Ordinal)
    {
        "dispatched_by_sender_to_pok", "collected_from_sender", "taken_by_courier", "taken_by_courier_from_pok",
        "delay_in_delivery", "ready_to_pickup_from_pok", "stack_in_box_machine", "stack_in_customer_service_point",
        "pickup_time_expired", "avizo", "returned_to_sender", "rejected_by_receiver", "undelivered",
        "undelivered_wrong_address", "undelivered_incomplete_address", "undelivered_unknown_receiver", "readdressed",
        "redirect_to_box", "oversized", "claimed", "missing", Canceled,
    };

    /// <summary>The status after <paramref name="status"/> on the happy path (exceptions go to <c>delivered</c>'s predecessor chain end).</summary>
    public static string Next(string status)
    {
        var index = HappyPath.ToList().IndexOf(status);
        return index < 0 || index == HappyPath.Count - 1
            ? throw new InvalidOperationException($"No next status after '{status}'.")
            : HappyPath[index + 1];
    }
}
