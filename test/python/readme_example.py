# The original AsyncSES README's Python client example, ported to Python 3's urllib and given
# an API key. Only those changes (and the fix of its 'to:' typo) separate it from the original.
# The test sets ASYNCSES_URL (the server's address) and ASYNCSES_API_KEY.
import json
import os
import urllib.parse
import urllib.request

URL = os.environ.get('ASYNCSES_URL', 'http://localhost:3000') + '/add'
API_KEY = os.environ['ASYNCSES_API_KEY']

# message data
data = {
    'from': 'some@email.com',
    'to': 'another@email.com',
    'subject': 'Hello dude',
    'text': 'AmazonSES test.',
    'html': '<b>AmazonSES</b> test.',
}

# if you need specific headers:
headers = {'return-path': 'thatsme@email.com',}
data['headers'] = json.dumps(headers)

# encode the POST data
encoded_data = urllib.parse.urlencode(data).encode()

# make the request
request = urllib.request.Request(URL, encoded_data, {'Authorization': 'Bearer ' + API_KEY})
response = urllib.request.urlopen(request).read()

# unserialize the json response
response_data = json.loads(response)

# print response
print(response_data['status'])
print(response_data['message'])
