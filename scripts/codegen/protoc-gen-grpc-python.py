"""A protoc plugin that runs the grpc_python generator of PyPI's grpcio-tools.

grpcio-tools builds that generator into its own protoc (`python -m grpc_tools.protoc
--grpc_python_out=...`) and ships no standalone plugin, so buf cannot call it directly. This
plugin reads buf's CodeGeneratorRequest, hands its descriptors to grpc_tools.protoc through
--descriptor_set_in, and answers with the files that it wrote. buf.gen.clients.yaml runs it
with the Python of the codegen venv (scripts/install-codegen.sh), where grpcio-tools lives.
"""

import os
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2


def main() -> int:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    response = plugin_pb2.CodeGeneratorResponse(
        supported_features=plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL
    )
    with tempfile.TemporaryDirectory() as tmp:
        descriptor_set = os.path.join(tmp, "input.binpb")
        with open(descriptor_set, "wb") as f:
            f.write(descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString())
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        command = [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            f"--descriptor_set_in={descriptor_set}",
            f"--grpc_python_out={out}",
        ]
        if request.parameter:
            command.append(f"--grpc_python_opt={request.parameter}")
        command.extend(request.file_to_generate)
        # protoc prints its errors on stderr; keep stdout for the response alone.
        result = subprocess.run(command, stdout=sys.stderr, check=False)
        if result.returncode != 0:
            response.error = f"grpc_tools.protoc exited with status {result.returncode}"
        else:
            for root, _dirs, files in os.walk(out):
                for name in sorted(files):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as f:
                        response.file.add(
                            name=os.path.relpath(path, out).replace(os.sep, "/"),
                            content=f.read(),
                        )
    sys.stdout.buffer.write(response.SerializeToString())
    return 0


if __name__ == "__main__":
    sys.exit(main())
