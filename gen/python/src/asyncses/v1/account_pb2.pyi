import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QuotaRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class QuotaResponse(_message.Message):
    __slots__ = ("max_24_hour_send", "sent_last_24_hours", "max_send_rate")
    MAX_24_HOUR_SEND_FIELD_NUMBER: _ClassVar[int]
    SENT_LAST_24_HOURS_FIELD_NUMBER: _ClassVar[int]
    MAX_SEND_RATE_FIELD_NUMBER: _ClassVar[int]
    max_24_hour_send: float
    sent_last_24_hours: float
    max_send_rate: float
    def __init__(self, max_24_hour_send: _Optional[float] = ..., sent_last_24_hours: _Optional[float] = ..., max_send_rate: _Optional[float] = ...) -> None: ...

class StatisticsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SendDataPoint(_message.Message):
    __slots__ = ("timestamp", "delivery_attempts", "bounces", "complaints", "rejects")
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    BOUNCES_FIELD_NUMBER: _ClassVar[int]
    COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    REJECTS_FIELD_NUMBER: _ClassVar[int]
    timestamp: _timestamp_pb2.Timestamp
    delivery_attempts: int
    bounces: int
    complaints: int
    rejects: int
    def __init__(self, timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., delivery_attempts: _Optional[int] = ..., bounces: _Optional[int] = ..., complaints: _Optional[int] = ..., rejects: _Optional[int] = ...) -> None: ...

class StatisticsResponse(_message.Message):
    __slots__ = ("data_points",)
    DATA_POINTS_FIELD_NUMBER: _ClassVar[int]
    data_points: _containers.RepeatedCompositeFieldContainer[SendDataPoint]
    def __init__(self, data_points: _Optional[_Iterable[_Union[SendDataPoint, _Mapping]]] = ...) -> None: ...
