import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HoldReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HOLD_REASON_UNSPECIFIED: _ClassVar[HoldReason]
    HOLD_REASON_DAILY_QUOTA: _ClassVar[HoldReason]
    HOLD_REASON_ACCOUNT_PAUSED: _ClassVar[HoldReason]
HOLD_REASON_UNSPECIFIED: HoldReason
HOLD_REASON_DAILY_QUOTA: HoldReason
HOLD_REASON_ACCOUNT_PAUSED: HoldReason

class StatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class StatusResponse(_message.Message):
    __slots__ = ("queued", "in_flight", "sent", "failed", "rejected", "cancelled", "outbox", "capacity", "workers", "busy_workers", "uptime", "send_rate", "sender", "store", "retry_waiting", "oldest_queued_at", "limits", "backlog_eta")
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    SENT_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    OUTBOX_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    WORKERS_FIELD_NUMBER: _ClassVar[int]
    BUSY_WORKERS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    SEND_RATE_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    RETRY_WAITING_FIELD_NUMBER: _ClassVar[int]
    OLDEST_QUEUED_AT_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    BACKLOG_ETA_FIELD_NUMBER: _ClassVar[int]
    queued: int
    in_flight: int
    sent: int
    failed: int
    rejected: int
    cancelled: int
    outbox: int
    capacity: int
    workers: int
    busy_workers: int
    uptime: _duration_pb2.Duration
    send_rate: float
    sender: str
    store: str
    retry_waiting: int
    oldest_queued_at: _timestamp_pb2.Timestamp
    limits: SendingLimits
    backlog_eta: _duration_pb2.Duration
    def __init__(self, queued: _Optional[int] = ..., in_flight: _Optional[int] = ..., sent: _Optional[int] = ..., failed: _Optional[int] = ..., rejected: _Optional[int] = ..., cancelled: _Optional[int] = ..., outbox: _Optional[int] = ..., capacity: _Optional[int] = ..., workers: _Optional[int] = ..., busy_workers: _Optional[int] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., send_rate: _Optional[float] = ..., sender: _Optional[str] = ..., store: _Optional[str] = ..., retry_waiting: _Optional[int] = ..., oldest_queued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limits: _Optional[_Union[SendingLimits, _Mapping]] = ..., backlog_eta: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SendingLimits(_message.Message):
    __slots__ = ("configured_max_send_rate", "ses_max_send_rate", "rate_limit", "working_send_rate", "throttles", "max_24_hour_send", "quota_used", "quota_remaining", "held", "hold_reason", "hold_detail", "resume_at", "ambiguous_timeouts", "limits_read_at")
    CONFIGURED_MAX_SEND_RATE_FIELD_NUMBER: _ClassVar[int]
    SES_MAX_SEND_RATE_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_FIELD_NUMBER: _ClassVar[int]
    WORKING_SEND_RATE_FIELD_NUMBER: _ClassVar[int]
    THROTTLES_FIELD_NUMBER: _ClassVar[int]
    MAX_24_HOUR_SEND_FIELD_NUMBER: _ClassVar[int]
    QUOTA_USED_FIELD_NUMBER: _ClassVar[int]
    QUOTA_REMAINING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    HOLD_REASON_FIELD_NUMBER: _ClassVar[int]
    HOLD_DETAIL_FIELD_NUMBER: _ClassVar[int]
    RESUME_AT_FIELD_NUMBER: _ClassVar[int]
    AMBIGUOUS_TIMEOUTS_FIELD_NUMBER: _ClassVar[int]
    LIMITS_READ_AT_FIELD_NUMBER: _ClassVar[int]
    configured_max_send_rate: float
    ses_max_send_rate: float
    rate_limit: float
    working_send_rate: float
    throttles: int
    max_24_hour_send: float
    quota_used: float
    quota_remaining: float
    held: bool
    hold_reason: HoldReason
    hold_detail: str
    resume_at: _timestamp_pb2.Timestamp
    ambiguous_timeouts: int
    limits_read_at: _timestamp_pb2.Timestamp
    def __init__(self, configured_max_send_rate: _Optional[float] = ..., ses_max_send_rate: _Optional[float] = ..., rate_limit: _Optional[float] = ..., working_send_rate: _Optional[float] = ..., throttles: _Optional[int] = ..., max_24_hour_send: _Optional[float] = ..., quota_used: _Optional[float] = ..., quota_remaining: _Optional[float] = ..., held: _Optional[bool] = ..., hold_reason: _Optional[_Union[HoldReason, str]] = ..., hold_detail: _Optional[str] = ..., resume_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ambiguous_timeouts: _Optional[int] = ..., limits_read_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
