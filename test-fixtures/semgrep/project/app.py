greeting = "héllo 🎉"
pwd = "ñ"; eval(user_input)
API_KEY = "sk_live_0123456789abcdefghij"
eval(other)  # nosemgrep
