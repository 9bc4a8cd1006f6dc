kubectl label node né 'café=☃' ́
# 😀
